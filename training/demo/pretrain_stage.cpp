// Pretrain stage: the recipe's preset from scratch on the shards, with the trainer the `pretrain`
// command uses. Its run config is kept as pretrain/run.json; checkpoints make it resumable: a rerun
// after Ctrl-C or a kill continues from the newest one.
#include <filesystem>

#include "training/demo/demo_stages.h"
#include "training/demo/training_report.h"
#include "training/trainer/pretrain_setup.h"
#include "training/trainer/trainer.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

Json runConfigJson(const DemoContext& ctx) {
  const DemoRecipe& r = ctx.recipe();
  return {{"output_dir", ctx.paths.pretrain},
          {"seed", r.seed},
          {"device", "cpu"},
          {"model", {{"preset", r.preset}, {"tokenizer", ctx.paths.tokenizer}, {"chat_template", "mindllm"}}},
          {"data", {{"train", {ctx.paths.shards}}, {"seq_len", r.seqLen}}},
          {"batch", {{"micro_batch", r.microBatch}, {"grad_accum", r.gradAccum}}},
          {"optimizer", {{"lr", r.lr}, {"min_lr", r.minLr}}},
          {"schedule", {{"max_steps", r.pretrainSteps}, {"warmup_steps", r.warmupSteps}}},
          {"eval", {{"every", r.evalEvery}, {"batches", r.evalBatches}}},
          {"log", {{"every", 5}}},
          {"checkpoint", {{"every", r.checkpointEvery}, {"keep", 2}, {"resume", "auto"}}}};
}

}  // namespace

Json runPretrainStage(const DemoContext& ctx) {
  fs::create_directories(ctx.paths.pretrain);
  const std::string configPath = ctx.paths.pretrain + "/run.json";
  writeJsonFileAtomic(configPath, runConfigJson(ctx));
  const train::RunConfig config = train::RunConfig::load(configPath);

  train::Trainer trainer(config, train::LaunchEnv{});  // one process, whatever the environment says
  train::TrainerInputs inputs = train::buildPretrainInputs(config, 0, 1, trainer.device(), trainer.bf16());
  const int64_t parameters = inputs.model->config().parameterCount();
  const train::TrainResult result = trainer.run(std::move(inputs));

  Json report = finishedTrainingReport(result, ctx.paths.pretrain, "pretraining");
  report["config"] = configPath;
  report["preset"] = ctx.recipe().preset;
  report["parameters"] = parameters;
  report["tokens_per_s_this_run"] = result.tokensPerSecond;
  return report;
}

}  // namespace mindllm::demo
