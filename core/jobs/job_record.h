#pragma once
// One fine-tuning job as the jobs table stores it (schema v4, core/storage/schema_migrations.cpp).
#include <cstdint>
#include <string>

#include "core/jobs/job_hyperparameters.h"
#include "core/jobs/job_state.h"
#include "core/util/json_file.h"

namespace mindllm::jobs {

// What the user asks for: everything a job needs before it first runs.
struct JobDraft {
  std::string name;                 // unique; also the folder name of the fine-tuned model
  std::string command = "finetune"; // the mindllm-cli command: "finetune" (domain) or "sft" (instructions)
  std::string baseModel;            // a Hugging Face model folder (the run's init_from)
  std::string dataset;              // training JSONL
  std::string valDataset;           // "" = hyperparameters.valFraction of the training file
  std::string method = "lora";      // lora | full
  std::string device = "cpu";       // cpu | cuda | cuda:N
  JobHyperparameters hyperparameters;
};

struct Job : JobDraft {
  int64_t id = 0;
  JobState state = JobState::Queued;
  int64_t createdAt = 0;   // ms since the epoch
  int64_t queuedAt = 0;    // when it last entered the queue: the queue is first in, first out
  int64_t startedAt = 0;   // last start of its process
  int64_t finishedAt = 0;  // when it last stopped (succeeded, failed, paused, ...)
  int64_t updatedAt = 0;
  int64_t step = 0;        // last step seen in its metrics
  int64_t maxSteps = 0;    // 0 until the command said (it derives it from epochs and the data)
  int64_t pid = 0;         // of its process while running, so a restarted app can tell it is gone
  std::string outputModel; // the fine-tuned model folder once it succeeded
  std::string lastError;   // the command's "error: ..." line, or why the process ended
};

// Throws Error("job name: ...") unless `name` can be a folder name on every desktop system:
// not empty, at most 80 characters, no path separators or characters Windows refuses, not "."
// or "..", no leading dot or trailing space.
void validateJobName(const std::string& name);

// Throws Error naming the field when a draft cannot run (empty paths, unknown method/command).
void validateDraft(const JobDraft& draft);

// A draft from JSON, for scripts (mindllm-studio --submit-job):
//   {"name", "command", "base_model", "dataset", "val_dataset", "method", "device",
//    "hyperparameters": {...}}   (missing fields keep JobDraft's defaults)
// Relative paths are taken relative to `baseDir`. Unknown fields and wrong types throw Error
// naming `where` and the field.
JobDraft jobDraftFromJson(const Json& json, const std::string& where, const std::string& baseDir);

}  // namespace mindllm::jobs
