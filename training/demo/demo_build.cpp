#include "training/demo/demo_build.h"

#include <ATen/Parallel.h>
#include <malloc.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "core/util/error.h"
#include "training/demo/corpus_inputs.h"
#include "training/demo/demo_stages.h"
#include "training/demo/demo_summary.h"
#include "training/demo/stage_ledger.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

struct Stage {
  const char* name;
  const char* what;
  Json (*run)(const DemoContext&);
};

const std::vector<Stage>& stages() {
  static const std::vector<Stage> all = {
      {"data", "clean, language id, quality filter, PII removal, deduplication", runDataStage},
      {"tokenizer", "train the bilingual tokenizer", runTokenizerStage},
      {"pretokenize", "tokenize into training shards", runPretokenizeStage},
      {"pretrain", "pretrain the model from scratch", runPretrainStage},
      {"select", "score instruction candidates by entropy, keep a band", runSelectStage},
      {"sft", "instruction-tune for the legal and financial assistants", runSftStage},
      {"eval", "held-out perplexity and domain evaluation sets", runEvalStage},
      {"register", "install as the app's default model", runRegisterStage},
  };
  return all;
}

// What decides a build's results: a work folder made with other settings cannot be resumed.
Json buildIdentity(const DemoOptions& o) {
  Json files = Json::array();
  for (const auto& input : corpusTrainInputs(o.corpusDir))
    for (const auto& f : data::listInputFiles(input.path))
      files.push_back({fs::relative(f, o.corpusDir).string(), fs::file_size(f)});
  return {{"recipe", o.recipe.toJson()}, {"corpus", fs::absolute(o.corpusDir).string()}, {"corpus_files", files}};
}

void claimWorkFolder(const DemoContext& ctx, const Json& identity) {
  const std::string path = ctx.paths.options();
  if (fs::exists(path)) {
    if (readJsonFile(path) != identity)
      throw fileError(path, "this work folder holds a build with another recipe or corpus; "
                            "pass --fresh to start over, or another --work folder");
    return;
  }
  writeJsonFileAtomic(path, identity);
}

// Every training step allocates and frees the same large activation and logit tensors. By default
// glibc hands blocks that large back to the kernel (mmap/munmap) and pays page faults to get them
// again next step; keeping freed memory in the heap halves the CPU time of a demo-llama step
// (6 steps: 47.6 s -> 20.5 s of CPU, most of it page faults and zeroing).
void keepFreedMemoryForReuse() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 256 << 20);
}

// The build replaces --out at the end; a folder it did not make (no mindllm_demo.json) could be
// someone's own model, so it is refused before any work starts.
void checkOutFolder(const std::string& out) {
  if (!fs::exists(out) || (fs::is_directory(out) && fs::is_empty(out))) return;
  if (!fs::exists(fs::path(out) / "mindllm_demo.json"))
    throw fileError(out, "exists and was not made by demo build; it would be replaced: choose another --out "
                         "or remove it");
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int runDemoBuild(const DemoOptions& options) {
  DemoContext ctx{options, DemoPaths(fs::absolute(options.workDir).string())};
  const Json identity = buildIdentity(options);  // checks the corpus before anything is written
  checkOutFolder(options.outDir);
  fs::create_directories(ctx.paths.work);
  claimWorkFolder(ctx, identity);
  at::set_num_threads(std::max(1, options.threads));
  keepFreedMemoryForReuse();
  StageLedger ledger(ctx.paths.stages);

  Json report = {{"format", "mindllm-demo-report"},
                 {"version", 1},
                 {"recipe", options.recipe.toJson()},
                 {"corpus", fs::absolute(options.corpusDir).string()},
                 {"domains", fs::absolute(options.domainsDir).string()},
                 {"work", ctx.paths.work},
                 {"out", fs::absolute(options.outDir).string()},
                 {"stages", Json::array()}};
  const auto started = std::chrono::steady_clock::now();
  const size_t count = stages().size();
  double stageSeconds = 0;
  for (size_t i = 0; i < count; ++i) {
    const Stage& stage = stages()[i];
    std::cout << "[" << i + 1 << "/" << count << "] " << stage.name << ": " << stage.what;
    if (ledger.done(stage.name)) {
      std::cout << " (done earlier, skipped)" << std::endl;
    } else {
      std::cout << std::endl;
      const auto t0 = std::chrono::steady_clock::now();
      Json result;
      try {
        result = stage.run(ctx);
      } catch (const StageInterrupted& e) {
        report["interrupted"] = {{"stage", stage.name}, {"message", e.what()}};
        writeJsonFileAtomic(ctx.paths.report(), report);
        std::cout << "demo build: " << e.what() << "; run the same command again to resume" << std::endl;
        return kExitInterrupted;
      }
      ledger.markDone(stage.name, secondsSince(t0), result);
    }
    const Json record = ledger.record(stage.name);
    stageSeconds += record.value("seconds", 0.0);
    report["stages"].push_back(record);
    writeJsonFileAtomic(ctx.paths.report(), report);
  }
  report["seconds"] = stageSeconds;
  report["seconds_this_run"] = secondsSince(started);
  report["finished_at"] = utcTimestamp();
  writeJsonFileAtomic(ctx.paths.report(), report);
  writeJsonFileAtomic(fs::absolute(options.outDir).string() + "/demo_report.json", report);
  std::cout << summaryTable(report) << "report: " << ctx.paths.report() << "\n";
  return 0;
}

}  // namespace mindllm::demo
