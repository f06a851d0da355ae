#include "training/demo/demo_command.h"

#include <filesystem>
#include <iostream>
#include <thread>

#include "core/cli/arg_parser.h"
#include "training/demo/default_locations.h"
#include "training/demo/demo_build.h"

namespace fs = std::filesystem;

namespace mindllm::cli {

int runDemoBuildCommand(const std::vector<std::string>& args) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  ArgParser p("demo build",
              "Make the app's default model with the product's own pipeline: clean, filter, remove PII and "
              "deduplicate the demo corpus, train the tokenizer, pretokenize, pretrain, evaluate, and install the "
              "model as the default. Interrupted (Ctrl-C, kill)? Run the same command again: finished stages are "
              "skipped and pretraining resumes from its checkpoint. Exit codes: 0 built, 75 interrupted, 1 error.");
  p.option("out", "model folder to install (default: the app's data folder, models/default)")
      .option("work", "work folder for intermediate outputs and stage markers (default: OUT.work)")
      .option("corpus", "demo corpus folder (default: resources/corpus)")
      .option("domains", "domain packs folder (default: domains/)")
      .option("threads", "CPU threads", std::to_string(cores))
      .flag("tiny", "a small slice and a tiny model: the whole pipeline in a minute or two (CI)")
      .flag("fresh", "delete the work folder first instead of resuming");
  if (!p.parse(args)) return 0;
  demo::DemoOptions o;
  o.outDir = p.has("out") ? p.get("out") : demo::defaultModelDir();
  o.workDir = p.has("work") ? p.get("work") : o.outDir + ".work";
  o.corpusDir = p.has("corpus") ? p.get("corpus") : demo::defaultCorpusDir();
  o.domainsDir = p.has("domains") ? p.get("domains") : demo::defaultDomainsDir();
  o.threads = p.getInt("threads");
  o.recipe = p.flagSet("tiny") ? demo::DemoRecipe::tiny() : demo::DemoRecipe::full();
  if (p.flagSet("fresh")) fs::remove_all(o.workDir);
  std::cout << "demo build (" << o.recipe.name << "): corpus " << o.corpusDir << "\n  work " << o.workDir << "\n  out  "
            << o.outDir << std::endl;
  return demo::runDemoBuild(o);
}

void registerDemoCommands(CommandRegistry& registry) {
  registry.add({"demo build", "make the app's default model with the whole pipeline (resumable)", runDemoBuildCommand});
}

}  // namespace mindllm::cli
