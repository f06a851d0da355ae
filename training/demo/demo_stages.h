#pragma once
// The stages of `mindllm-cli demo build`, in order. Each runs one part of the product's pipeline
// through the same library functions its own command uses, writes its outputs under the work
// folder (atomically, as those functions do) and returns its report, which the build stores in
// the stage's marker and in demo_report.json.
#include <string>
#include <vector>

#include "core/util/json_file.h"
#include "training/demo/demo_context.h"

namespace mindllm::demo {

Json runDataStage(const DemoContext& ctx);         // [slice,] clean, langid, filter, PII, dedup
Json runTokenizerStage(const DemoContext& ctx);    // sentencepiece BPE on the cleaned documents
Json runPretokenizeStage(const DemoContext& ctx);  // token shards with a validation split
Json runPretrainStage(const DemoContext& ctx);     // the recipe's preset from scratch; resumes
Json runSelectStage(const DemoContext& ctx);       // entropy-scored instruction candidates, a band kept
Json runSftStage(const DemoContext& ctx);          // instruction tuning on the selected set; resumes
Json runEvalStage(const DemoContext& ctx);         // held-out perplexity and the domain sets
Json runRegisterStage(const DemoContext& ctx);     // the final model into --out, checked by loading it

// The cleaned JSON-lines files the data stage wrote (one per language), from its marker.
std::vector<std::string> cleanedFiles(const DemoContext& ctx);
// The instruction samples the select stage kept (the SFT stage's training file).
std::string selectedInstructions(const DemoContext& ctx);
// A finished stage's report (Error if it has not finished).
Json stageReport(const DemoContext& ctx, const std::string& stage);

}  // namespace mindllm::demo
