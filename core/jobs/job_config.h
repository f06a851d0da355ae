#pragma once
// job.json: what `mindllm-cli finetune|sft --config job.json` reads. It is the trainer's run
// config (training/trainer/run_config.h, docs/TRAINING.md) with the "sft" object of the
// fine-tuning commands (docs/JOBS.md). Built from the job's record only, so writing it again
// gives the same file and Resume runs exactly the same command.
#include <string>
#include <vector>

#include "core/jobs/job_record.h"
#include "core/util/json_file.h"

namespace mindllm::jobs {

Json trainerConfig(const JobDraft& job, const std::string& outputDir);

// Writes trainerConfig atomically to `path` (creating its folder).
void writeTrainerConfig(const JobDraft& job, const std::string& outputDir, const std::string& path);

// The command line after the program name: {"finetune", "--config", path} (plus "--check").
std::vector<std::string> trainerArguments(const JobDraft& job, const std::string& configPath, bool checkOnly = false);

}  // namespace mindllm::jobs
