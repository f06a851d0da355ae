// mindllm-cli sft / finetune: job file -> data checks -> base model (+ LoRA) -> trainer -> final model.
#include "training/sft/sft_command.h"

#include <filesystem>
#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/io/model_folder.h"
#include "core/util/error.h"
#include "training/sft/sft_setup.h"
#include "training/trainer/launch_env.h"
#include "training/trainer/stop_signal.h"
#include "training/trainer/train_metrics.h"
#include "training/trainer/trainer.h"

namespace fs = std::filesystem;

namespace mindllm::cli {
namespace {

int failed(int code, const std::string& message) {
  std::cerr << "error: " << message << std::endl;
  return code;
}

int64_t trainableParameters(CausalLMImpl& model) {
  int64_t n = 0;
  for (const auto& p : model.parameters())
    if (p.requires_grad()) n += p.numel();
  return n;
}

int runFineTuning(const std::vector<std::string>& args, const std::string& command, const std::string& method) {
  ArgParser p(command,
              command == "sft"
                  ? "Instruction-tune a model on conversation data (Alpaca or ShareGPT JSON Lines) from a job file "
                    "(docs/FINETUNING.md); full fine-tuning unless sft.method says lora."
                  : "Fine-tune a model for a domain (LoRA unless sft.method says full) from a job file "
                    "(docs/FINETUNING.md); sft.domain names a pack in domains/ for its system prompts and data.");
  p.option("config", "job file (JSON): the run config plus an \"sft\" object", std::nullopt, true)
      .option("set", "override a field: key=value, e.g. lr=1e-4 or sft.lora.rank=16 (repeatable)")
      .flag("check", "validate the job and every line of the data, print the plan, and exit without training");
  // SIGTERM while the data and model load: nothing to save yet, but still a clean, resumable stop.
  train::StopSignal signals;
  sft::SftJob job;
  sft::SftData data;
  train::LaunchEnv env;
  try {
    if (!p.parse(args)) return 0;
    job = sft::loadSftJob(p.get("config"), p.getAll("set"), method);
    if (job.run.outputDir.empty() && !p.flagSet("check"))
      throw fileError(job.run.where, "field 'output_dir': an output folder is required");
    (void)inspectModelFolder(job.run.initFrom);
    data = sft::prepareSftData(job);
    env = train::LaunchEnv::fromEnvironment();
    sft::fitScheduleToData(job, data, env.worldSize);
  } catch (const std::exception& e) {
    return failed(kExitBadInput, e.what());
  }

  const auto& run = job.run;
  std::cerr << command << ": " << job.sft.method << " fine-tuning of " << run.initFrom << "\n"
            << "  data: " << data.trainSamples << " training samples -> " << data.train.count() << " sequences of "
            << run.seqLen << " tokens (" << data.train.trainedTokens << " reply tokens" << (job.sft.pack ? ", packed" : "")
            << (data.train.truncated ? ", " + std::to_string(data.train.truncated) + " cut to seq_len" : "")
            << (data.train.dropped ? ", " + std::to_string(data.train.dropped) + " dropped without reply tokens" : "")
            << "); " << data.valSamples << " validation samples -> " << data.val.count() << " sequences\n"
            << "  schedule: " << run.maxSteps << " steps x " << run.microBatch * run.gradAccum * env.worldSize
            << " sequences, lr " << run.lr << ", template " << run.chatTemplate << std::endl;
  if (p.flagSet("check")) return 0;

  try {
    train::Trainer trainer(run, env);
    const struct {
      int64_t trainSamples, valSamples, trainSequences, valSequences;
    } counts{data.trainSamples, data.valSamples, data.train.count(), data.val.count()};
    std::vector<std::string> adapted;
    train::TrainerInputs inputs = sft::buildSftInputs(job, std::move(data), trainer.rank(), trainer.worldSize(), &adapted);
    const int64_t trainable = trainableParameters(*inputs.model);
    if (trainer.rank() == 0) {
      std::cerr << "  model: " << inputs.model->config().parameterCount() / 1e6 << "M parameters, " << trainable
                << " trainable" << (adapted.empty() ? "" : " (LoRA on " + std::to_string(adapted.size()) + " projections)")
                << " on " << trainer.device().str() << std::endl;
      fs::create_directories(run.outputDir);
      writeJsonFileAtomic((fs::path(run.outputDir) / "sft_job.json").string(), job.resolved);
    }
    if (train::StopSignal::requested()) {
      std::cerr << command << ": stopped before training started; run the same command to start again" << std::endl;
      return kExitStopped;
    }
    train::TrainerHooks hooks;
    hooks.log = &std::cerr;
    hooks.progressLabel = command;
    hooks.startRecord = {{"train_samples", counts.trainSamples},
                         {"val_samples", counts.valSamples},
                         {"train_sequences", counts.trainSequences},
                         {"val_sequences", counts.valSequences},
                         {"method", job.sft.method},
                         {"trainable_parameters", trainable}};
    const train::TrainResult result = trainer.run(std::move(inputs), hooks);
    if (result.interrupted) return kExitStopped;
    if (trainer.rank() == 0) {
      train::MetricsLog metrics;
      metrics.open((fs::path(run.outputDir) / "metrics.jsonl").string(), result.endStep);
      Json done = {{"type", "done"}, {"step", result.endStep}, {"model_dir", result.finalModelDir}};
      if (job.sft.method == "lora") done["adapter_dir"] = (fs::path(run.outputDir) / "adapter").string();
      metrics.write(done);
      std::cerr << command << ": done at step " << result.endStep << "; model in " << result.finalModelDir << std::endl;
    }
    return 0;
  } catch (const std::exception& e) {
    return failed(1, e.what());
  }
}

}  // namespace

int runSftCommand(const std::vector<std::string>& args) { return runFineTuning(args, "sft", "full"); }
int runFinetuneCommand(const std::vector<std::string>& args) { return runFineTuning(args, "finetune", "lora"); }

void registerSftCommands(CommandRegistry& registry) {
  registry.add({"sft", "instruction-tune a model on conversation data (full or LoRA, resumable)", runSftCommand});
  registry.add({"finetune", "fine-tune a model for a domain (LoRA by default, resumable)", runFinetuneCommand});
  registry.add({"sft select", "score instruction data by the model's entropy and keep a band and budget",
                runSelectCommand});
}

}  // namespace mindllm::cli
