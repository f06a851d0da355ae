#pragma once
// The training loop shared by pretraining, instruction tuning and fine-tuning: a model, a batch
// source and a run config in; optimizer steps, validation, metrics and checkpoints out.
//
// One step: every rank takes grad_accum micro-batches, counts the trained tokens of the global
// batch (one all-reduce), back-propagates sum(loss) / global token count through each micro-batch
// (so masked tokens, ranks and micro-batches all weigh the same), all-reduces the gradients in
// buckets (summed), clips by global norm, and applies AdamW (each rank its own shard of the
// parameters with ZeRO-1, followed by a broadcast of the updated parameters from their owners).
#include <torch/torch.h>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/io/safetensors.h"
#include "core/model/causal_lm.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/json_file.h"
#include "training/trainer/batch_source.h"
#include "training/trainer/launch_env.h"
#include "training/trainer/run_config.h"

namespace mindllm::train {

class AdamW;
class Communicator;
class MetricsLog;

struct StepRecord {
  int64_t step = 0;    // optimizer steps done, after this one (1 for the first step)
  int64_t tokens = 0;  // trained tokens so far, all ranks
  double loss = 0;     // mean loss per trained token of this step's global batch
  double lr = 0;
  double gradNorm = 0;  // before clipping
  double seconds = 0;   // wall time of this step
};

struct EvalRecord {
  int64_t step = 0;
  double loss = 0, perplexity = 0;
  int64_t tokens = 0;
};

struct TrainResult {
  int64_t startStep = 0;  // step the run started (or resumed) from
  int64_t endStep = 0;
  bool interrupted = false;  // stopped by a signal (or StopSignal::request()) after checkpointing
  std::string lastCheckpoint;
  std::string finalModelDir;  // Hugging Face folder written at the end ("" if not)
  std::vector<StepRecord> steps;
  std::vector<EvalRecord> evals;
  double tokensPerSecond = 0;  // over the whole run, excluding the first step (warm-up)
  double mfu = 0;              // 0 when the peak FLOP/s is unknown
};

// What a trainer trains. Pretraining builds this from the run config (pretrain_setup.h);
// fine-tuning code builds its own (a loaded model, a masked instruction batch source).
//
// Only parameters that require a gradient are trained (LoRA freezes the base): they alone go to
// AdamW, the gradient all-reduce and clipping. When some are frozen, checkpoints hold only the
// trainable ones (the frozen rest comes back from wherever the caller loaded it).
struct TrainerInputs {
  CausalLM model;                        // initialised; moved to the device by the trainer
  std::shared_ptr<const Tokenizer> tokenizer;  // for the final model folder (null: none written)
  std::unique_ptr<BatchSource> train;
  std::function<std::unique_ptr<BatchSource>()> makeValidation;  // fresh reader per evaluation; null = none
  // Writes the final model into the given folder on rank 0 (null: saveModelFolder of the model as
  // trained). LoRA merges its adapters here.
  std::function<void(const std::string& finalDir)> writeFinalModel;
};

struct TrainerHooks {
  std::function<void(const StepRecord&)> onStep;  // on rank 0 and others, after each step
  int64_t stopAfterStep = -1;  // behave as if a stop signal arrived once this step is done (tests)
  // Fields of a {"type":"start","step":S,"max_steps":N,...} record written to metrics.jsonl at
  // every (re)start; null = no such record (pretraining).
  Json startRecord;
  std::ostream* log = nullptr;         // human-readable lines (null: stdout)
  std::string progressLabel = "pretrain";
};

class Trainer {
public:
  // Resolves the device and joins the data-parallel group (a no-op for one process).
  Trainer(RunConfig config, const LaunchEnv& env);
  ~Trainer();

  const RunConfig& config() const { return config_; }
  const torch::Device& device() const { return device_; }
  int rank() const;
  int worldSize() const;
  bool bf16() const { return bf16_; }

  // Trains from the inputs (resuming from a checkpoint when the config says so) until
  // schedule.max_steps or a stop signal. Collective: every rank calls it.
  TrainResult run(TrainerInputs inputs, const TrainerHooks& hooks = {});

private:
  struct Run;
  void resume(Run& run, const std::string& dir);
  void loadTrainable(Run& run, const TensorMap& tensors, const std::string& file);
  void step(Run& run, std::vector<Batch>& micro, StepRecord& record);
  EvalRecord evaluate(Run& run);
  std::string saveCheckpoint(Run& run);
  void writeFinalModel(Run& run, TrainResult& result);

  RunConfig config_;
  LaunchEnv env_;
  torch::Device device_;
  bool bf16_ = false;
  std::unique_ptr<Communicator> comm_;
};

// The device a run uses: config.device, with "auto" picking cuda:LOCAL_RANK when CUDA is there.
torch::Device resolveTrainingDevice(const std::string& device, int localRank);

}  // namespace mindllm::train
