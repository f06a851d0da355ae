// Data stage: the corpus (or the recipe's slice of it) through the whole data pipeline, configured
// as a pipeline.json that is kept in the work folder, so `mindllm-cli data run --config` repeats it.
#include <filesystem>
#include <set>

#include "training/data/pipeline.h"
#include "training/demo/corpus_inputs.h"
#include "training/demo/demo_stages.h"
#include "training/demo/stage_ledger.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

Json inputJson(const data::InputSpec& in) {
  Json j = {{"path", in.path}};
  if (!in.options.source.empty()) j["source"] = in.options.source;
  if (in.options.format != "auto") j["format"] = in.options.format;
  if (in.options.textMode != "file") j["text_mode"] = in.options.textMode;
  return j;
}

// The filter defaults, with two changes this corpus needs: Chinese legal prose repeats statutory
// phrases (民事法律行为, 诉讼时效) far more than web text, and Debian's licence texts are wrapped
// at 72 columns, so most of their lines end mid-sentence.
Json pipelineJson(const std::vector<data::InputSpec>& inputs, const DemoContext& ctx) {
  Json j;
  j["inputs"] = Json::array();
  for (const auto& in : inputs) j["inputs"].push_back(inputJson(in));
  j["output_dir"] = ctx.paths.data;
  j["threads"] = ctx.options.threads;
  j["langid"] = {{"drop", {"other"}}};
  j["filter"] = {{"per_language",
                  {{"zh", {{"min_chars", 30}, {"max_dup_ngram_ratio", 0.45}}},
                   {"en", {{"min_punct_ended_lines", 0.1}}}}}};
  j["pii"] = {{"enabled", true}};
  j["dedup"] = {{"exact", true}, {"near", true}, {"threshold", 0.8}};
  j["route_by_language"] = true;
  return j;
}

// Planted copies (resources/corpus/manifest.json) that were in the input and are gone from the
// output: how many of the duplicates the corpus was seeded with the pipeline removed.
Json plantedCopiesRemoved(const DemoContext& ctx, const std::set<std::string>& inputIds,
                          const std::set<std::string>& outputIds) {
  const std::string manifestPath = ctx.options.corpusDir + "/manifest.json";
  if (!fs::exists(manifestPath)) return nullptr;
  const Json manifest = readJsonFile(manifestPath);
  Json out = Json::object();
  for (const char* kind : {"exact_copy", "near_copy"}) {
    int64_t present = 0, removed = 0;
    const Json files = manifest.value("files", Json::object());  // a named copy: items() must not outlive it
    for (const auto& [file, info] : files.items()) {
      const Json planted = info.value("planted", Json::object()).value(kind, Json::array());
      for (const auto& item : planted) {
        const std::string id = item.value("id", "");
        if (!inputIds.count(id)) continue;
        ++present;
        removed += outputIds.count(id) ? 0 : 1;
      }
    }
    out[kind] = {{"in_input", present}, {"removed", removed}};
  }
  return out;
}

std::set<std::string> idsOf(const std::vector<data::InputSpec>& inputs) {
  std::set<std::string> ids;
  data::StageReport ignored("ingest");
  data::DocumentReader reader(inputs, &ignored);
  for (data::Document d; reader.next(d);) ids.insert(d.id);
  return ids;
}

}  // namespace

Json runDataStage(const DemoContext& ctx) {
  std::vector<data::InputSpec> inputs = corpusTrainInputs(ctx.options.corpusDir);
  Json report = Json::object();
  if (ctx.recipe().sliceFraction < 1.0) {
    data::StageReport slice("slice");
    inputs = sliceInputs(inputs, ctx.recipe().sliceFraction, ctx.paths.slice, slice);
    report["slice"] = slice.toJson();
  }
  fs::create_directories(ctx.paths.data);
  const std::string configPath = ctx.paths.data + "/pipeline.json";
  writeJsonFileAtomic(configPath, pipelineJson(inputs, ctx));
  data::PipelineConfig config =
      data::PipelineConfig::fromJson(readJsonFile(configPath), configPath, ctx.paths.data);
  config.stream.progress = true;
  config.stream.label = "data";
  const data::PipelineResult result = data::runPipeline(config);

  report["config"] = configPath;
  report["stages"] = Json::array();
  for (const auto& r : result.reports) report["stages"].push_back(r.toJson());
  report["outputs"] = Json::object();
  std::vector<data::InputSpec> outputs;
  for (const auto& [lang, file] : result.outputs) {
    report["outputs"][lang] = file;
    outputs.push_back({file, {}});
  }
  report["planted_copies"] = plantedCopiesRemoved(ctx, idsOf(inputs), idsOf(outputs));
  return report;
}

std::vector<std::string> cleanedFiles(const DemoContext& ctx) {
  std::vector<std::string> files;
  const Json outputs = stageReport(ctx, "data").at("outputs");
  for (const auto& [lang, file] : outputs.items())
    if (lang != "other") files.push_back(file.get<std::string>());
  return files;
}

Json stageReport(const DemoContext& ctx, const std::string& stage) {
  return StageLedger(ctx.paths.stages).record(stage).at("report");
}

}  // namespace mindllm::demo
