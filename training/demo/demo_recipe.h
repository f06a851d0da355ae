#pragma once
// The hyperparameters of a demo build. "full" makes the app's default model from the whole demo
// corpus in at most 20 minutes on 2 CPU cores; "tiny" runs the same stages on a small slice with
// a tiny model in a minute or two, for CI. Every number lives here, so the two builds differ
// only by data and model size, never by which code runs.
#include <cstdint>
#include <string>

#include "core/util/json_file.h"

namespace mindllm::demo {

struct DemoRecipe {
  std::string name;            // "full" or "tiny"
  double sliceFraction = 1.0;  // share of each corpus file's documents used (the first ones)

  int vocabSize = 8000;
  bool hardVocabLimit = true;  // false lets a small slice end with fewer pieces

  std::string preset = "demo-llama";
  int64_t seqLen = 512;
  int64_t microBatch = 8, gradAccum = 1;
  double lr = 2e-3, minLr = 2e-4;
  int64_t pretrainSteps = 190, warmupSteps = 20;
  int64_t evalEvery = 50, evalBatches = 4;
  int64_t checkpointEvery = 20;
  double valFraction = 0.02;   // pretokenize: documents held out for the pretraining val loss

  // Instruction tuning: entropy band by quantiles of the candidates' scores, then full fine-tuning.
  double selectLow = 0.05, selectHigh = 0.95;
  int64_t sftSeqLen = 512;
  double sftLr = 3e-4;
  double sftEpochs = 2;
  int64_t sftMicroBatch = 8;

  int evalPerplexityTokens = 0;  // tokens scored per held-out file; 0 = all
  int evalLimit = 0;             // domain eval items per subject; 0 = all
  uint64_t seed = 1234;

  static DemoRecipe full();
  static DemoRecipe tiny();
  static DemoRecipe byName(const std::string& name);  // throws Error for another name
  Json toJson() const;
};

}  // namespace mindllm::demo
