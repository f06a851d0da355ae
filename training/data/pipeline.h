#pragma once
// The whole data pipeline, streaming: ingest -> clean -> language id -> quality filter -> PII ->
// dedup -> per-language outputs -> (optional) mixing, configured by one JSON file
// (`mindllm-cli data run --config pipeline.json`, format in docs/DATA.md). Batches of documents
// flow through every stage, so memory is a batch plus the dedup signatures.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "training/data/document_reader.h"
#include "training/data/mixer.h"
#include "training/data/pipeline_stage.h"

namespace mindllm::data {

struct StreamOptions {
  int threads = 2;
  size_t batchSize = 256;
  bool progress = false;
  std::string label = "data";
};

// Streams the reader's documents through `stages` into `sink` (kept documents, in input order).
// `ingestReport` is the report the reader writes to. Returns a copy of it followed by one report
// per stage, with timings.
std::vector<StageReport> runStages(DocumentReader& reader, const StageReport& ingestReport,
                                   std::vector<std::unique_ptr<PipelineStage>>& stages,
                                   const std::function<void(const Document&)>& sink, const StreamOptions& options);

struct PipelineConfig {
  std::vector<InputSpec> inputs;
  std::string outputDir;
  StreamOptions stream;
  bool clean = true, langid = true, filter = true, pii = true, dedup = true;
  CleanOptions cleanOptions;
  LanguageIdOptions languageOptions;
  std::vector<std::string> dropLanguages;  // e.g. ["other"]
  QualityOptions filterOptions = QualityFilter::defaultOptions();
  DedupOptions dedupOptions;
  bool routeByLanguage = true;             // zh.jsonl, en.jsonl, mixed.jsonl, other.jsonl; else all.jsonl
  std::map<std::string, double> mixRatios; // language -> ratio; empty: no mixing
  MixOptions mixOptions;

  // Relative paths in the file are taken relative to `baseDir` (the config file's folder).
  static PipelineConfig fromJson(const Json& j, const std::string& where, const std::string& baseDir);
};

struct PipelineResult {
  std::vector<StageReport> reports;
  std::map<std::string, std::string> outputs;  // language (or "all", "mix") -> file
};

// Runs everything and writes outputDir/report.json beside the outputs.
PipelineResult runPipeline(const PipelineConfig& config);

}  // namespace mindllm::data
