#pragma once
// What a fine-tuning job trains with, besides the base model and the data: the numbers a user may
// change in the New job dialog, with defaults chosen by model size. Stored with the job as JSON
// (the jobs table's hyperparameters column); field names are those of job.json's "sft" object and
// of the trainer's run config (docs/JOBS.md).
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::jobs {

struct LoraSettings {
  int64_t rank = 8;
  double alpha = 16;
  double dropout = 0.05;
  std::vector<std::string> targets = {"q_proj", "k_proj", "v_proj", "o_proj"};
};

struct JobHyperparameters {
  int64_t epochs = 2;        // passes over the training file; 0 = train exactly max_steps steps
  int64_t maxSteps = 200;    // used when epochs is 0
  double lr = 2e-4;
  int64_t microBatch = 4;    // sequences per forward pass
  int64_t gradAccum = 4;     // forward passes per optimizer step
  int64_t seqLen = 512;
  int64_t warmupSteps = 10;
  int64_t evalEvery = 50;        // validation loss every N steps (0 = only at the end)
  int64_t checkpointEvery = 50;  // Pause and a crash lose at most this many steps
  int64_t logEvery = 1;
  uint64_t seed = 1234;
  LoraSettings lora;
  std::string format = "auto";   // auto | alpaca | sharegpt
  double valFraction = 0.05;     // split off the training file when no validation file is given
  bool pack = true;
  std::string systemPrompt;
  std::string domain;            // "" | law | finance

  Json toJson() const;
  // Missing fields keep their defaults; wrong types and out-of-range values throw Error naming
  // `where` and the field ("hyperparameters: field 'lr': expected a number in (0, 1]").
  static JobHyperparameters fromJson(const Json& json, const std::string& where);
};

// Sane defaults for a base model of `parameterCount` parameters and a `contextLength` window:
// smaller batches and learning rates for bigger models, LoRA rates about ten times full ones.
JobHyperparameters defaultHyperparameters(int64_t parameterCount, int64_t contextLength, const std::string& method);

}  // namespace mindllm::jobs
