// Select stage: the MindLLM paper's instruction-set construction for small models, on the demo's
// own candidates. The pretrained model scores every pooled instruction sample by its mean
// cross-entropy on the reply (entropy); the samples between the recipe's score quantiles are kept
// (the ones below are trivial for the model, the ones above noise to it), with the selector and
// report `mindllm-cli sft select` uses. Outputs: select/candidates.jsonl, select/selected.jsonl
// (what the SFT stage trains on) and select/report.json (histogram, counts per source and band).
#include <filesystem>
#include <iostream>

#include "core/cli/progress_bar.h"
#include "core/io/model_folder.h"
#include "training/demo/demo_stages.h"
#include "training/demo/instruction_pool.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/entropy_scorer.h"
#include "training/sft/sample_selector.h"
#include "training/sft/selection_report.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

std::vector<double> scoreCandidates(const DemoContext& ctx, const std::vector<sft::Conversation>& samples) {
  auto model = loadModelFolder(ctx.paths.pretrainedModel());
  cli::ProgressBar bar("select", static_cast<int64_t>(samples.size()), "sample");
  auto scores = sft::scoreConversations(*model, samples, {}, {8, ctx.recipe().sftSeqLen},  // records carry their system
                                        [&](int64_t done) { bar.update(done, "entropy of each reply"); });
  bar.finish();
  return scores;
}

}  // namespace

std::string selectedInstructions(const DemoContext& ctx) { return ctx.paths.select + "/selected.jsonl"; }

Json runSelectStage(const DemoContext& ctx) {
  fs::create_directories(ctx.paths.select);
  const std::string candidatesPath = ctx.paths.select + "/candidates.jsonl";
  const InstructionPool pool = poolInstructions(demoInstructionFiles(ctx.options.corpusDir, ctx.options.domainsDir),
                                                ctx.options.domainsDir, candidatesPath);
  const auto samples = sft::readConversations(candidatesPath, sft::DatasetFormat::Alpaca);
  const auto scores = scoreCandidates(ctx, samples);

  std::vector<std::string> sources;
  for (const auto& c : samples) sources.push_back(c.source);
  sft::SelectionOptions options;
  options.quantiles = {ctx.recipe().selectLow, ctx.recipe().selectHigh};
  const sft::Selection selection = sft::selectSamples(scores, sources, options);
  const Json report = sft::selectionReport(samples, scores, selection, options);
  sft::writeKeptRecords(selectedInstructions(ctx), samples, selection);
  writeJsonFileAtomic(ctx.paths.select + "/report.json", report);
  sft::printSelectionReport(report, std::cout);

  return {{"inputs", pool.files},
          {"records", pool.records},
          {"duplicates_removed", pool.duplicates},
          {"candidates", pool.written},
          {"selected", selection.keptCount()},
          {"band", report["band"]},
          {"score_summary", report["summary"]},
          {"sources", report["sources"]},
          {"selected_file", selectedInstructions(ctx)},
          {"report", ctx.paths.select + "/report.json"}};
}

}  // namespace mindllm::demo
