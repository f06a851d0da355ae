// SFT stage: full fine-tuning of the pretrained model on the selected instructions, with the job
// schema, data preparation and trainer of `mindllm-cli sft` (docs/FINETUNING.md): chat template of
// the model, loss on the replies only, packing, a hashed validation split. Each record carries its
// assistant's system prompt (select stage), so none is added here. Its job file is kept as
// sft/job.json; checkpoints make it resumable like pretraining.
#include <filesystem>

#include "training/demo/demo_stages.h"
#include "training/demo/training_report.h"
#include "training/sft/sft_config.h"
#include "training/sft/sft_setup.h"
#include "training/trainer/trainer.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

Json sftJobJson(const DemoContext& ctx) {
  const DemoRecipe& r = ctx.recipe();
  return {{"output_dir", ctx.paths.sft},
          {"init_from", ctx.paths.pretrainedModel()},
          {"device", "cpu"},
          {"seed", r.seed},
          {"seq_len", r.sftSeqLen},
          {"micro_batch", r.sftMicroBatch},
          {"grad_accum", 1},
          {"lr", r.sftLr},
          {"min_lr", r.sftLr / 10},
          {"warmup_steps", 5},
          {"eval_every", r.evalEvery},
          {"log_every", 5},
          {"checkpoint_every", r.checkpointEvery},
          {"keep_checkpoints", 2},
          {"resume", "auto"},
          {"sft",
           {{"train_file", selectedInstructions(ctx)},
            {"format", "alpaca"},
            {"val_fraction", 0.05},
            {"method", "full"},
            {"epochs", r.sftEpochs}}}};
}

}  // namespace

Json runSftStage(const DemoContext& ctx) {
  fs::create_directories(ctx.paths.sft);
  const std::string jobPath = ctx.paths.sft + "/job.json";
  writeJsonFileAtomic(jobPath, sftJobJson(ctx));
  sft::SftJob job = sft::loadSftJob(jobPath, {}, "full");
  sft::SftData data = sft::prepareSftData(job);
  sft::fitScheduleToData(job, data, 1);
  const int64_t trainSamples = data.trainSamples, valSamples = data.valSamples;
  const int64_t sequences = data.train.count();

  train::Trainer trainer(job.run, train::LaunchEnv{});
  train::TrainerHooks hooks;
  hooks.progressLabel = "sft";
  hooks.startRecord = {{"train_samples", trainSamples}, {"val_samples", valSamples}, {"method", "full"}};
  const train::TrainResult result = trainer.run(sft::buildSftInputs(job, std::move(data), 0, 1), hooks);

  Json report = finishedTrainingReport(result, ctx.paths.sft, "instruction tuning");
  report["job"] = jobPath;
  report["train_samples"] = trainSamples;
  report["val_samples"] = valSamples;
  report["train_sequences"] = sequences;
  return report;
}

}  // namespace mindllm::demo
