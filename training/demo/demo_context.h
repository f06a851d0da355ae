#pragma once
// What every stage of a demo build sees: the options it was started with, the recipe, and where
// each stage reads and writes inside the work folder.
#include <stdexcept>
#include <string>

#include "training/demo/demo_recipe.h"

namespace mindllm::demo {

struct DemoOptions {
  std::string corpusDir;   // resources/corpus (train/, val/, instructions/)
  std::string domainsDir;  // domains/ (assistant.json, instruction and evaluation sets per pack)
  std::string outDir;      // the model folder registered as the app's default model
  std::string workDir;     // intermediate outputs, stage markers, reports
  int threads = 2;
  DemoRecipe recipe = DemoRecipe::full();
};

// The work folder's layout, one sub-folder per stage.
struct DemoPaths {
  explicit DemoPaths(std::string work);
  std::string work;
  std::string stages, logs, slice, data, tokenizer, shards, pretrain, select, sft, eval;
  std::string report() const { return work + "/demo_report.json"; }
  std::string options() const { return work + "/demo_options.json"; }
  std::string pretrainedModel() const { return pretrain + "/final"; }
  std::string sftModel() const { return sft + "/final"; }
};

struct DemoContext {
  DemoOptions options;
  DemoPaths paths;
  const DemoRecipe& recipe() const { return options.recipe; }
};

// Thrown by a training stage that a signal stopped after it wrote a checkpoint: the build ends
// with exit code 75 and running it again resumes from that checkpoint.
class StageInterrupted : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace mindllm::demo
