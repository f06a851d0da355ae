#include "core/jobs/job_config.h"

#include <algorithm>
#include <filesystem>

#include "core/util/error.h"

namespace mindllm::jobs {

Json trainerConfig(const JobDraft& job, const std::string& outputDir) {
  const JobHyperparameters& h = job.hyperparameters;
  const LoraSettings& l = h.lora;
  return Json{
      {"output_dir", outputDir},
      {"seed", h.seed},
      {"device", job.device},
      {"model", {{"init_from", job.baseModel}}},
      {"data", {{"seq_len", h.seqLen}}},
      {"batch", {{"micro_batch", h.microBatch}, {"grad_accum", h.gradAccum}}},
      // min_lr follows lr: the trainer's pretraining default (3e-5) is above a full fine-tune's lr.
      {"optimizer", {{"lr", h.lr}, {"min_lr", h.lr / 10}}},
      {"schedule", {{"max_steps", h.maxSteps}, {"warmup_steps", h.warmupSteps}}},
      {"eval", {{"every", h.evalEvery}}},
      {"log", {{"every", h.logEvery}}},
      {"checkpoint", {{"every", h.checkpointEvery}, {"resume", "auto"}}},
      {"sft",
       {{"train_file", job.dataset},
        {"val_file", job.valDataset},
        {"format", h.format},
        {"val_fraction", h.valFraction},
        {"pack", h.pack},
        {"system_prompt", h.systemPrompt},
        {"domain", h.domain},
        {"method", job.method},
        {"lora", {{"rank", l.rank}, {"alpha", l.alpha}, {"dropout", l.dropout}, {"targets", l.targets}}},
        {"epochs", h.epochs}}}};
}

void writeTrainerConfig(const JobDraft& job, const std::string& outputDir, const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) throw fileError(path, "cannot create the job folder: " + ec.message());
  writeJsonFileAtomic(path, trainerConfig(job, outputDir));
}

std::vector<std::string> trainerArguments(const JobDraft& job, const std::string& configPath, bool checkOnly) {
  std::vector<std::string> args = {job.command, "--config", configPath};
  if (checkOnly) args.push_back("--check");
  return args;
}

}  // namespace mindllm::jobs
