#pragma once
// Training checkpoints: one folder per step under <output_dir>/checkpoints/, e.g. step-00000100/:
//
//   model.safetensors      fp32 parameters by Hugging Face name
//   optimizer.safetensors  AdamW state of every parameter ("exp_avg.<name>", "exp_avg_sq.<name>")
//   rng.safetensors        each rank's generator states ("cpu.rank0", "cuda.rank0", ...)
//   trainer_state.json     step, tokens, optimizer step, data position, world size, last losses
//   run_config.json        the resolved run config
//   config.json            the model config (Hugging Face)
//
// A checkpoint is built in a hidden staging folder and renamed into place (replaceDirAtomic), so
// a crash leaves the previous checkpoints intact and never a half-written one under a step name.
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/safetensors.h"
#include "core/util/json_file.h"

namespace mindllm::train {

struct CheckpointContents {
  int64_t step = 0;
  Json trainerState;  // step, tokens, data position, ... (written as trainer_state.json)
  Json runConfig;
  Json modelConfig;
  std::vector<NamedTensor> model, optimizer, rng;
};

// Writes <root>/step-NNNNNNNN atomically and returns its path. Stale staging folders are removed.
std::string writeCheckpoint(const std::string& root, const CheckpointContents& contents);

// Checkpoint folders under root, oldest step first (only complete, renamed ones).
std::vector<std::string> listCheckpoints(const std::string& root);
std::string latestCheckpoint(const std::string& root);  // "" when there is none
// Removes all but the newest `keep`.
void pruneCheckpoints(const std::string& root, int64_t keep);

struct LoadedCheckpoint {
  std::string dir;
  Json trainerState, runConfig;
  TensorMap model, optimizer, rng;
};
// Reads a checkpoint folder; errors name the folder and the missing or bad file.
LoadedCheckpoint readCheckpoint(const std::string& dir);

}  // namespace mindllm::train
