#pragma once
// The run config of a training job: one JSON file (every field documented in docs/TRAINING.md),
// merged over built-in defaults, with --set key=value overrides. Unknown fields and wrong types
// are errors naming the file and the dotted field, so a typo never silently trains with a default.
// The resolved JSON (defaults + file + overrides, paths made absolute) is saved with every checkpoint.
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::train {

struct DataSource {
  std::string path;     // a token shard folder (mindllm-cli pretokenize)
  double weight = 1.0;  // mixture weight; normalised over the sources
};

struct RunConfig {
  Json resolved;      // the full config after defaults and overrides
  std::string where;  // the config's file name, for error messages

  std::string outputDir;  // metrics.jsonl, checkpoints/, final/ ("" = write nothing, for benchmarks)
  uint64_t seed = 1234;
  std::string device = "auto";     // auto | cpu | cuda | cuda:N
  std::string precision = "auto";  // auto (fp32 on CPU, bf16 autocast on CUDA) | fp32 | bf16

  // model: a preset name or an HF config object, optionally starting from a model folder's weights
  std::string modelPreset;
  Json modelConfig;          // null unless given
  std::string initFrom;      // HF model folder whose weights start the run ("" = scaled random init)
  std::string tokenizerDir;  // required: vocabulary size, shard check, and the final model folder
  std::string chatTemplate = "mindllm";
  bool activationCheckpointing = false;

  // Pretraining requires train (checked by buildPretrainInputs); fine-tuning reads its own "sft" data.
  std::vector<DataSource> train, val;  // val empty = the "val" split of the train sources
  int64_t seqLen = 1024;
  bool shuffle = true;

  int64_t microBatch = 8;  // sequences per rank per forward pass
  int64_t gradAccum = 1;   // forward passes per optimizer step

  double lr = 3e-4, minLr = 3e-5;
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8, weightDecay = 0.1, gradClip = 1.0;
  int64_t maxSteps = 1000, warmupSteps = 100, decaySteps = 0;  // decaySteps 0 = maxSteps

  int64_t evalEvery = 0, evalBatches = 8;  // 0 = no periodic validation
  int64_t logEvery = 10;
  int64_t checkpointEvery = 0, keepLast = 3;  // a checkpoint is always written at the end
  std::string resume = "auto";                // auto (latest in output_dir) | none | a checkpoint folder

  std::string backend = "auto";  // auto (nccl on CUDA, gloo on CPU) | gloo | nccl
  bool zero1 = false;            // shard AdamW state across ranks
  double bucketMb = 25;          // gradient all-reduce bucket size
  double timeoutSeconds = 600;   // rendezvous and collective timeout
  double peakTflops = 0;         // per device, for MFU; 0 = known GPUs only

  // Reads a JSON file; relative paths in it are relative to the file's folder.
  static RunConfig load(const std::string& path, const std::vector<std::string>& overrides = {});
  // Builds from a JSON object (merged over defaults). `baseDir` resolves relative paths.
  static RunConfig fromJson(const Json& json, const std::string& where, const std::string& baseDir,
                            const std::vector<std::string>& overrides = {});
  static Json defaults();

  int64_t effectiveDecaySteps() const { return decaySteps > 0 ? decaySteps : maxSteps; }
};

// Merges `user` into `base` (defaults), refusing fields the defaults do not have and values of
// another kind than the default's (errors name `where` and the dotted field under `prefix`).
// Arrays and nulls-by-default are taken whole. Fine-tuning checks its "sft" object with it too.
void mergeConfigInto(Json& base, const Json& user, const std::string& prefix, const std::string& where);

// Applies "a.b.c=value" to `json` (value parsed as JSON when it parses, else taken as a string).
// The key must exist in the defaults. Throws Error naming the override.
void applyOverride(Json& json, const std::string& assignment);

}  // namespace mindllm::train
