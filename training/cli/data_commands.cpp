// mindllm-cli data ...: each stage on its own (JSONL in, JSONL out, a report beside), and the
// whole pipeline from a JSON config.
#include <filesystem>
#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "training/cli/input_options.h"
#include "training/cli/training_commands.h"
#include "training/data/jsonl_writer.h"
#include "training/data/pipeline.h"

namespace fs = std::filesystem;

namespace mindllm::cli {
namespace {

using data::PipelineStage;
using StageFactory = std::function<std::unique_ptr<PipelineStage>(const ArgParser&)>;

// Runs one stage (or none, for ingest) from --input to --output and prints the report.
int runSingleStage(const std::string& name, const std::string& description, const std::vector<std::string>& args,
                   const std::function<void(ArgParser&)>& addOptions, const StageFactory& makeStage) {
  ArgParser p("data " + name, description);
  addInputOptions(p);
  p.option("output", "output JSONL file", std::nullopt, true)
      .option("report", "report JSON (default: OUTPUT.report.json)")
      .option("threads", "worker threads", "2")
      .option("batch-size", "documents per batch", "256");
  if (addOptions) addOptions(p);
  if (!p.parse(args)) return 0;

  data::StageReport ingest("ingest");
  data::DocumentReader reader(inputsFrom(p), &ingest);
  std::vector<std::unique_ptr<PipelineStage>> stages;
  if (makeStage) stages.push_back(makeStage(p));
  data::JsonlWriter writer(p.get("output"));
  data::StreamOptions stream;
  stream.threads = p.getInt("threads");
  stream.batchSize = static_cast<size_t>(p.getInt("batch-size"));
  stream.progress = true;
  stream.label = name;
  auto reports = data::runStages(reader, ingest, stages, [&](const data::Document& d) { writer.write(d); }, stream);
  writer.commit();
  const std::string reportPath = p.has("report") ? p.get("report") : p.get("output") + ".report.json";
  std::cout << data::writeReports(reportPath, reports) << "wrote " << writer.documents() << " documents to "
            << p.get("output") << " (report: " << reportPath << ")\n";
  return 0;
}

Json jsonFileOrEmpty(const ArgParser& p, const std::string& option) {
  return p.has(option) && !p.get(option).empty() ? readJsonFile(p.get(option)) : Json::object();
}

std::pair<std::string, std::string> splitPair(const std::string& s, const std::string& option) {
  const size_t eq = s.find('=');
  if (eq == std::string::npos || eq == 0) throw Error("--" + option + " expects NAME=VALUE, got '" + s + "'");
  return {s.substr(0, eq), s.substr(eq + 1)};
}

int runMix(const std::vector<std::string>& args) {
  ArgParser p("data mix", "Sample several JSONL sources to target token ratios (deterministic with --seed).");
  p.option("source", "NAME=PATH of a JSONL source (repeatable)", std::nullopt, true)
      .option("ratio", "NAME=RATIO target share of tokens (repeatable; default equal shares)")
      .option("output", "output JSONL file", std::nullopt, true)
      .option("seed", "random seed", "1")
      .option("total-tokens", "tokens in the mixture; 0 = the most the sources allow without repeats", "0")
      .flag("allow-repeat", "repeat a source that is short of its share")
      .option("tokenizer", "count tokens with this tokenizer folder instead of the estimate")
      .option("report", "report JSON (default: OUTPUT.report.json)");
  if (!p.parse(args)) return 0;
  std::map<std::string, double> ratios;
  for (const auto& r : p.getAll("ratio")) {
    auto [name, value] = splitPair(r, "ratio");
    ratios[name] = std::stod(value);
  }
  std::vector<data::MixSource> sources;
  for (const auto& s : p.getAll("source")) {
    auto [name, path] = splitPair(s, "source");
    double ratio = 1;
    if (!ratios.empty()) {
      auto it = ratios.find(name);
      if (it == ratios.end()) throw Error("data mix: no --ratio given for source '" + name + "'");
      ratio = it->second;
    }
    sources.push_back({name, path, ratio});
  }
  data::MixOptions options;
  options.seed = static_cast<uint64_t>(p.getInt64("seed"));
  options.totalTokens = p.getInt64("total-tokens");
  options.allowRepeat = p.flagSet("allow-repeat");
  data::TokenCounter counter = data::approximateTokenCount;
  std::shared_ptr<Tokenizer> tokenizer;
  if (p.has("tokenizer")) {
    tokenizer = loadTokenizer(p.get("tokenizer"));
    counter = [tokenizer](std::string_view text) { return static_cast<int64_t>(tokenizer->encode(text).size()); };
  }
  data::StageReport report = data::mixSources(sources, options, p.get("output"), counter, true);
  const std::string reportPath = p.has("report") ? p.get("report") : p.get("output") + ".report.json";
  std::cout << data::writeReports(reportPath, {report});
  return 0;
}

int runPipelineCommand(const std::vector<std::string>& args) {
  ArgParser p("data run", "Run the whole data pipeline from a JSON config (see docs/DATA.md).");
  p.option("config", "pipeline.json", std::nullopt, true)
      .option("threads", "override the config's thread count")
      .option("output-dir", "override the config's output_dir");
  if (!p.parse(args)) return 0;
  const std::string path = p.get("config");
  data::PipelineConfig config = data::PipelineConfig::fromJson(
      readJsonFile(path), path, fs::absolute(path).parent_path().string());
  if (p.has("threads")) config.stream.threads = p.getInt("threads");
  if (p.has("output-dir")) config.outputDir = p.get("output-dir");
  config.stream.progress = true;
  config.stream.label = "data run";
  data::PipelineResult result = data::runPipeline(config);
  std::string text;
  for (const auto& r : result.reports) text += r.toText();
  std::cout << text;
  for (const auto& [key, file] : result.outputs) std::cout << "  " << key << ": " << file << "\n";
  std::cout << "report: " << (fs::path(config.outputDir) / "report.json").string() << "\n";
  return 0;
}

}  // namespace

void registerDataCommands(CommandRegistry& registry) {
  registry.add({"data ingest", "read JSONL / text / folders / .gz into normalised JSONL", [](const auto& args) {
                  return runSingleStage("ingest", "Read inputs into JSONL documents; malformed lines are reported.",
                                        args, nullptr, nullptr);
                }});
  registry.add({"data clean", "NFKC, strip HTML and invisible characters, normalise whitespace", [](const auto& args) {
                  return runSingleStage(
                      "clean", "Clean text: HTML remnants, NFKC, control/invisible characters, whitespace, punctuation.",
                      args,
                      [](ArgParser& p) {
                        p.option("punctuation", "keep, halfwidth or zh_fullwidth", "zh_fullwidth")
                            .option("max-blank-lines", "empty lines kept between paragraphs", "1")
                            .flag("no-nfkc", "skip Unicode NFKC normalisation")
                            .flag("keep-html", "do not strip HTML tags and entities");
                      },
                      [](const ArgParser& p) {
                        data::CleanOptions o;
                        o.punctuation = p.get("punctuation");
                        o.maxBlankLines = p.getInt("max-blank-lines");
                        o.nfkc = !p.flagSet("no-nfkc");
                        o.stripHtml = !p.flagSet("keep-html");
                        return data::makeCleanStage(data::CleanOptions::fromJson(
                            {{"punctuation", o.punctuation}, {"max_blank_lines", o.maxBlankLines},
                             {"nfkc", o.nfkc}, {"strip_html", o.stripHtml}},
                            "command line"));
                      });
                }});
  registry.add({"data langid", "tag documents zh / en / mixed / other (script based)", [](const auto& args) {
                  return runSingleStage(
                      "langid", "Identify the language of each document and store it in the 'lang' field.", args,
                      [](ArgParser& p) {
                        p.option("min-share", "share of units a language needs", "0.7")
                            .option("drop", "drop documents of this language (repeatable), e.g. other");
                      },
                      [](const ArgParser& p) {
                        data::LanguageIdOptions o;
                        o.minShare = p.getDouble("min-share");
                        return data::makeLanguageStage(o, p.getAll("drop"));
                      });
                }});
  registry.add({"data filter", "quality heuristics with per-rule drop reasons", [](const auto& args) {
                  return runSingleStage(
                      "filter", "Drop low-quality documents; thresholds from --config (see docs/DATA.md).", args,
                      [](ArgParser& p) { p.option("config", "JSON file with filter thresholds"); },
                      [](const ArgParser& p) {
                        const std::string where = p.has("config") ? p.get("config") : "filter defaults";
                        return data::makeFilterStage(data::QualityOptions::fromJson(jsonFileOrEmpty(p, "config"), where));
                      });
                }});
  registry.add({"data pii", "replace e-mails, phones, ID and card numbers, IPs by placeholders", [](const auto& args) {
                  return runSingleStage("pii", "Replace personal information by <EMAIL>, <PHONE>, <ID_CARD>, "
                                               "<BANK_CARD>, <IP>.",
                                        args, nullptr, [](const ArgParser&) { return data::makePiiStage(); });
                }});
  registry.add({"data dedup", "exact and MinHash/LSH near-duplicate removal", [](const auto& args) {
                  return runSingleStage(
                      "dedup", "Remove exact and near duplicates (MinHash + LSH).", args,
                      [](ArgParser& p) {
                        p.option("shingle", "char or word", "char")
                            .option("shingle-size", "shingle length", "5")
                            .option("num-perm", "MinHash permutations", "128")
                            .option("bands", "LSH bands", "16")
                            .option("rows", "LSH rows per band (bands x rows = num-perm)", "8")
                            .option("threshold", "Jaccard similarity counted as duplicate", "0.8")
                            .option("seed", "hash seed", "1")
                            .flag("no-exact", "skip exact dedup")
                            .flag("no-near", "skip near-duplicate dedup");
                      },
                      [](const ArgParser& p) {
                        Json j = {{"shingle", p.get("shingle")},      {"shingle_size", p.getInt("shingle-size")},
                                  {"num_perm", p.getInt("num-perm")}, {"bands", p.getInt("bands")},
                                  {"rows", p.getInt("rows")},         {"threshold", p.getDouble("threshold")},
                                  {"seed", p.getInt64("seed")},       {"exact", !p.flagSet("no-exact")},
                                  {"near", !p.flagSet("no-near")}};
                        return data::makeDedupStage(data::DedupOptions::fromJson(j, "command line"));
                      });
                }});
  registry.add({"data mix", "sample sources to target token ratios", runMix});
  registry.add({"data run", "run the whole data pipeline from pipeline.json", runPipelineCommand});
}

}  // namespace mindllm::cli
