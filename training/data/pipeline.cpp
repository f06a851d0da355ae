#include "training/data/pipeline.h"

#include <chrono>
#include <filesystem>
#include <optional>

#include "core/cli/progress_bar.h"
#include "core/util/error.h"
#include "training/data/jsonl_writer.h"

namespace fs = std::filesystem;

namespace mindllm::data {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string resolve(const std::string& path, const std::string& baseDir) {
  if (path.empty() || fs::path(path).is_absolute() || baseDir.empty()) return path;
  return (fs::path(baseDir) / path).lexically_normal().string();
}

const Json& section(const Json& j, const char* name) {
  static const Json empty = Json::object();
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? empty : *it;
}

bool enabled(const Json& j, const char* name, const std::string& where) {
  return optionalField<bool>(section(j, name), "enabled", true, where + ": " + name);
}

}  // namespace

std::vector<StageReport> runStages(DocumentReader& reader, const StageReport& ingestReport,
                                   std::vector<std::unique_ptr<PipelineStage>>& stages,
                                   const std::function<void(const Document&)>& sink, const StreamOptions& options) {
  WorkerPool pool(options.threads);
  std::vector<StageReport> reports;
  std::vector<double> seconds(stages.size(), 0);
  for (const auto& s : stages) reports.emplace_back(s->name());
  double ingestSeconds = 0;

  std::optional<cli::ProgressBar> bar;
  if (options.progress) bar.emplace(options.label, std::max<int64_t>(1, reader.totalBytes() / 1024), "KB");
  std::vector<Document> batch, next;
  std::vector<std::string> reasons;
  int64_t written = 0;
  for (;;) {
    batch.clear();
    auto t0 = Clock::now();
    if (reader.nextBatch(batch, options.batchSize) == 0) break;
    ingestSeconds += secondsSince(t0);
    for (size_t s = 0; s < stages.size() && !batch.empty(); ++s) {
      reasons.assign(batch.size(), std::string());
      t0 = Clock::now();
      stages[s]->process(batch, reasons, pool);
      seconds[s] += secondsSince(t0);
      next.clear();
      for (size_t i = 0; i < batch.size(); ++i) {
        if (reasons[i].empty()) {
          reports[s].kept(batch[i].text.size());
          next.push_back(std::move(batch[i]));
        } else {
          reports[s].dropped(reasons[i], batch[i].text.size());
        }
      }
      batch.swap(next);
    }
    for (const Document& d : batch) sink(d);
    written += static_cast<int64_t>(batch.size());
    if (bar) bar->update(reader.bytesRead() / 1024, std::to_string(written) + " docs kept");
  }
  if (bar) bar->finish(std::to_string(written) + " docs kept");

  std::vector<StageReport> all{ingestReport};  // the reader has filled it by now
  all[0].setSeconds(ingestSeconds);
  for (size_t s = 0; s < stages.size(); ++s) {
    stages[s]->addCounters(reports[s]);
    reports[s].setSeconds(seconds[s]);
    all.push_back(reports[s]);
  }
  return all;
}

PipelineConfig PipelineConfig::fromJson(const Json& j, const std::string& where, const std::string& baseDir) {
  PipelineConfig c;
  if (!j.is_object()) throw Error(where + ": expected a JSON object");
  IngestOptions defaults = IngestOptions::fromJson(section(j, "ingest"), where + ": ingest");
  auto inputs = j.find("inputs");
  if (inputs == j.end() || !inputs->is_array() || inputs->empty())
    throw Error(where + ": field 'inputs' must be a non-empty array");
  for (size_t i = 0; i < inputs->size(); ++i) {
    const Json& in = (*inputs)[i];
    const std::string w = where + ": inputs[" + std::to_string(i) + "]";
    InputSpec spec;
    if (in.is_string()) {
      spec.path = in.get<std::string>();
      spec.options = defaults;
    } else {
      spec.path = requireField<std::string>(in, "path", w);
      spec.options = IngestOptions::fromJson(in, w, defaults);
    }
    spec.path = resolve(spec.path, baseDir);
    c.inputs.push_back(spec);
  }
  c.outputDir = resolve(requireField<std::string>(j, "output_dir", where), baseDir);
  c.stream.threads = optionalField<int>(j, "threads", c.stream.threads, where);
  c.stream.batchSize = static_cast<size_t>(optionalField<int>(j, "batch_size", 256, where));
  if (c.stream.threads < 1 || c.stream.batchSize < 1) throw Error(where + ": threads and batch_size must be >= 1");

  c.clean = enabled(j, "clean", where);
  c.cleanOptions = CleanOptions::fromJson(section(j, "clean"), where + ": clean");
  c.langid = enabled(j, "langid", where);
  c.languageOptions = LanguageIdOptions::fromJson(section(j, "langid"), where + ": langid");
  if (auto d = section(j, "langid").find("drop"); d != section(j, "langid").end())
    c.dropLanguages = d->get<std::vector<std::string>>();
  c.filter = enabled(j, "filter", where);
  c.filterOptions = QualityOptions::fromJson(section(j, "filter"), where + ": filter");
  c.pii = enabled(j, "pii", where);
  c.dedup = enabled(j, "dedup", where);
  c.dedupOptions = DedupOptions::fromJson(section(j, "dedup"), where + ": dedup");
  c.routeByLanguage = optionalField<bool>(j, "route_by_language", c.routeByLanguage, where);

  const Json& mix = section(j, "mix");
  if (auto r = mix.find("ratios"); r != mix.end()) {
    if (!r->is_object()) throw Error(where + ": mix: field 'ratios' must be an object like {\"zh\": 0.5, \"en\": 0.5}");
    for (const auto& [lang, v] : r->items()) {
      if (!v.is_number()) throw Error(where + ": mix: ratio for '" + lang + "' must be a number");
      c.mixRatios[lang] = v.get<double>();
    }
    c.mixOptions.seed = static_cast<uint64_t>(optionalField<long>(mix, "seed", 1, where + ": mix"));
    c.mixOptions.totalTokens = optionalField<long>(mix, "total_tokens", 0, where + ": mix");
    c.mixOptions.allowRepeat = optionalField<bool>(mix, "allow_repeat", false, where + ": mix");
    if (!c.routeByLanguage) throw Error(where + ": mix needs route_by_language (it mixes the per-language outputs)");
  }
  return c;
}

PipelineResult runPipeline(const PipelineConfig& config) {
  fs::create_directories(config.outputDir);
  PipelineResult result;
  StageReport ingestReport("ingest");
  DocumentReader reader(config.inputs, &ingestReport);

  std::vector<std::unique_ptr<PipelineStage>> stages;
  if (config.clean) stages.push_back(makeCleanStage(config.cleanOptions));
  if (config.langid) stages.push_back(makeLanguageStage(config.languageOptions, config.dropLanguages));
  if (config.filter) stages.push_back(makeFilterStage(config.filterOptions));
  if (config.pii) stages.push_back(makePiiStage());
  if (config.dedup) stages.push_back(makeDedupStage(config.dedupOptions));

  std::map<std::string, std::unique_ptr<JsonlWriter>> writers;
  auto writerFor = [&](const std::string& key) -> JsonlWriter& {
    auto& w = writers[key];
    if (!w) w = std::make_unique<JsonlWriter>((fs::path(config.outputDir) / (key + ".jsonl")).string());
    return *w;
  };
  StreamOptions stream = config.stream;
  result.reports = runStages(
      reader, ingestReport, stages,
      [&](const Document& d) {
        writerFor(config.routeByLanguage ? (d.lang.empty() ? std::string("other") : d.lang) : "all").write(d);
      },
      stream);
  for (auto& [key, w] : writers) {
    w->commit();
    result.outputs[key] = w->path();
  }

  if (!config.mixRatios.empty()) {
    std::vector<MixSource> sources;
    for (const auto& [lang, ratio] : config.mixRatios) {
      auto it = result.outputs.find(lang);
      if (it == result.outputs.end()) {
        if (ratio > 0) throw Error("mix: no documents in language '" + lang + "' survived the pipeline");
        continue;
      }
      sources.push_back({lang, it->second, ratio});
    }
    const std::string mixPath = (fs::path(config.outputDir) / "mix.jsonl").string();
    auto t0 = Clock::now();
    StageReport mixReport = mixSources(sources, config.mixOptions, mixPath, approximateTokenCount, stream.progress);
    mixReport.setSeconds(secondsSince(t0));
    result.reports.push_back(mixReport);
    result.outputs["mix"] = mixPath;
  }
  writeReports((fs::path(config.outputDir) / "report.json").string(), result.reports);
  return result;
}

}  // namespace mindllm::data
