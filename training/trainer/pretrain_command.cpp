// mindllm-cli pretrain: config -> checks -> rendezvous -> training loop -> checkpoints and final model.
#include "training/trainer/pretrain_command.h"

#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/util/error.h"
#include "training/trainer/launch_env.h"
#include "training/trainer/pretrain_setup.h"
#include "training/trainer/run_config.h"
#include "training/trainer/trainer.h"

namespace mindllm::cli {

int runPretrainCommand(const std::vector<std::string>& args) {
  ArgParser p("pretrain",
              "Pretrain a causal LM on token shards from a JSON run config (docs/TRAINING.md). Several processes "
              "train data-parallel when launched by torchrun or srun (RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT or "
              "SLURM_*). SIGINT/SIGTERM write a checkpoint and exit; running the same command again resumes.");
  p.option("config", "run config (JSON)", std::nullopt, true)
      .option("set", "override a config field: key=value, e.g. optimizer.lr=1e-3 (repeatable)")
      .option("resume", "auto (latest checkpoint in output_dir), none, or a checkpoint folder")
      .option("output", "output folder (overrides output_dir)")
      .flag("check", "validate the config, data and memory, print the plan, and exit without training");
  if (!p.parse(args)) return 0;
  std::vector<std::string> overrides = p.getAll("set");
  if (p.has("resume")) overrides.push_back("checkpoint.resume=" + p.get("resume"));
  if (p.has("output")) overrides.push_back("output_dir=" + p.get("output"));
  const train::RunConfig config = train::RunConfig::load(p.get("config"), overrides);
  if (config.outputDir.empty() && !p.flagSet("check"))
    throw fileError(config.where, "field 'output_dir': an output folder is required (or pass --output)");

  const train::LaunchEnv env = train::LaunchEnv::fromEnvironment();
  train::Trainer trainer(config, env);
  train::TrainerInputs inputs =
      train::buildPretrainInputs(config, trainer.rank(), trainer.worldSize(), trainer.device(), trainer.bf16());
  const ModelConfig& m = inputs.model->config();
  const int64_t tokensPerStep = config.microBatch * config.gradAccum * config.seqLen * trainer.worldSize();
  if (trainer.rank() == 0)
    std::cout << "pretrain: " << toString(m.layout) << " " << m.parameterCount() / 1e6 << "M parameters on "
              << trainer.device().str() << (trainer.bf16() ? " (bf16 autocast)" : " (fp32)") << " x "
              << trainer.worldSize() << " process(es) [" << env.launcher << "], " << tokensPerStep
              << " tokens per step, " << config.maxSteps << " steps" << (config.zero1 ? ", ZeRO-1" : "") << std::endl;
  if (p.flagSet("check")) return 0;
  const train::TrainResult result = trainer.run(std::move(inputs));
  if (trainer.rank() == 0 && !result.interrupted && !result.steps.empty())
    std::cout << "done: step " << result.endStep << ", loss " << result.steps.back().loss << ", "
              << static_cast<int64_t>(result.tokensPerSecond) << " tokens/s" << std::endl;
  return 0;
}

void registerTrainerCommands(CommandRegistry& registry) {
  registry.add({"pretrain", "pretrain a model on token shards (data-parallel, resumable)", runPretrainCommand});
}

}  // namespace mindllm::cli
