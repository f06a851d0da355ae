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

// Everything the run needs that comes from the user's files; errors here are bad input (exit 2).
struct Prepared {
  sft::SftJob job;
  sft::SftData data;
  train::LaunchEnv env;
};

Prepared prepare(const ArgParser& p, const std::string& method) {
  Prepared r;
  r.job = sft::loadSftJob(p.get("config"), p.getAll("set"), method);
  if (r.job.run.outputDir.empty() && !p.flagSet("check"))
    throw fileError(r.job.run.where, "field 'output_dir': an output folder is required");
  (void)inspectModelFolder(r.job.run.initFrom);
  r.data = sft::prepareSftData(r.job);
  r.env = train::LaunchEnv::fromEnvironment();
  sft::fitScheduleToData(r.job, r.data, r.env.worldSize);
  return r;
}

void printPlan(const std::string& command, const Prepared& r) {
  const auto& run = r.job.run;
  const auto& train = r.data.train;
  std::cerr << command << ": " << r.job.sft.method << " fine-tuning of " << run.initFrom << "\n"
            << "  data: " << r.data.trainSamples << " training samples -> " << train.count() << " sequences of "
            << run.seqLen << " tokens (" << train.trainedTokens << " reply tokens" << (r.job.sft.pack ? ", packed" : "")
            << (train.truncated ? ", " + std::to_string(train.truncated) + " cut to seq_len" : "")
            << (train.dropped ? ", " + std::to_string(train.dropped) + " dropped without reply tokens" : "") << "); "
            << r.data.valSamples << " validation samples -> " << r.data.val.count() << " sequences\n"
            << "  schedule: " << run.maxSteps << " steps x " << run.microBatch * run.gradAccum * r.env.worldSize
            << " sequences, lr " << run.lr << ", template " << run.chatTemplate << std::endl;
}

void writeDoneRecord(const sft::SftJob& job, const train::TrainResult& result) {
  train::MetricsLog metrics;
  metrics.open((fs::path(job.run.outputDir) / "metrics.jsonl").string(), result.endStep);
  Json done = {{"type", "done"}, {"step", result.endStep}, {"model_dir", result.finalModelDir}};
  if (job.sft.method == "lora") done["adapter_dir"] = (fs::path(job.run.outputDir) / "adapter").string();
  metrics.write(done);
}

// Loads the model, trains, writes the outputs. Returns 0 (done) or 75 (stopped by a signal).
int trainJob(const std::string& command, Prepared r) {
  const sft::SftJob& job = r.job;
  train::Trainer trainer(job.run, r.env);
  train::TrainerHooks hooks;
  hooks.log = &std::cerr;
  hooks.progressLabel = command;
  hooks.startRecord = {{"train_samples", r.data.trainSamples}, {"val_samples", r.data.valSamples},
                       {"train_sequences", r.data.train.count()}, {"val_sequences", r.data.val.count()},
                       {"method", job.sft.method}};
  std::vector<std::string> adapted;
  train::TrainerInputs inputs = sft::buildSftInputs(job, std::move(r.data), trainer.rank(), trainer.worldSize(), &adapted);
  hooks.startRecord["trainable_parameters"] = trainableParameters(*inputs.model);
  if (trainer.rank() == 0) {
    std::cerr << "  model: " << inputs.model->config().parameterCount() / 1e6 << "M parameters, "
              << hooks.startRecord["trainable_parameters"].get<int64_t>() << " trainable"
              << (adapted.empty() ? "" : " (LoRA on " + std::to_string(adapted.size()) + " projections)") << " on "
              << trainer.device().str() << std::endl;
    fs::create_directories(job.run.outputDir);
    writeJsonFileAtomic((fs::path(job.run.outputDir) / "sft_job.json").string(), job.resolved);
  }
  if (train::StopSignal::requested()) {
    std::cerr << command << ": stopped before training started; run the same command to start again" << std::endl;
    return kExitStopped;
  }
  const train::TrainResult result = trainer.run(std::move(inputs), hooks);
  if (result.interrupted) return kExitStopped;
  if (trainer.rank() == 0) {
    writeDoneRecord(job, result);
    std::cerr << command << ": done at step " << result.endStep << "; model in " << result.finalModelDir << std::endl;
  }
  return 0;
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
  Prepared prepared;
  try {
    if (!p.parse(args)) return 0;
    prepared = prepare(p, method);
  } catch (const std::exception& e) {
    return failed(kExitBadInput, e.what());
  }
  printPlan(command, prepared);
  if (p.flagSet("check")) return 0;
  try {
    return trainJob(command, std::move(prepared));
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
