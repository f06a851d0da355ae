// mindllm-cli sft select: entropy-based selection of instruction data (the MindLLM paper's
// instruction-set construction for small models). Reads the files, scores every sample with the
// model, keeps a band and a budget composed by source, writes the subset and a report.
#include <iostream>
#include <sstream>

#include "core/cli/arg_parser.h"
#include "core/cli/progress_bar.h"
#include "core/io/model_folder.h"
#include "core/util/error.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/domain_pack.h"
#include "training/sft/entropy_scorer.h"
#include "training/sft/sample_selector.h"
#include "training/sft/selection_report.h"
#include "training/sft/sft_command.h"

namespace mindllm::cli {
namespace {

std::pair<double, double> parsePair(const std::string& option, const std::string& text) {
  const size_t comma = text.find(',');
  try {
    if (comma == std::string::npos) throw std::invalid_argument("no comma");
    size_t used = 0;
    const double a = std::stod(text.substr(0, comma), &used);
    if (used != comma) throw std::invalid_argument("trailing text");
    const std::string rest = text.substr(comma + 1);
    const double b = std::stod(rest, &used);
    if (used != rest.size()) throw std::invalid_argument("trailing text");
    return {a, b};
  } catch (const std::logic_error&) {
    throw Error("--" + option + " '" + text + "': expected two numbers LOW,HIGH");
  }
}

std::map<std::string, int64_t> parseQuotas(const std::vector<std::string>& items) {
  std::map<std::string, int64_t> quotas;
  for (const auto& item : items) {
    const size_t eq = item.rfind('=');
    size_t used = 0;
    int64_t n = -1;
    try {
      if (eq != std::string::npos && eq > 0) n = std::stoll(item.substr(eq + 1), &used);
    } catch (const std::logic_error&) {
    }
    if (n < 0 || eq == std::string::npos || used != item.size() - eq - 1)
      throw Error("--quota '" + item + "': expected source=N with N >= 0");
    quotas[item.substr(0, eq)] = n;
  }
  return quotas;
}

struct SelectRequest {
  std::vector<sft::Conversation> samples;
  sft::SelectionOptions selection;
  sft::SystemPrompt prompts;
};

SelectRequest readRequest(const ArgParser& p) {
  SelectRequest r;
  const sft::DatasetFormat format = sft::parseDatasetFormat(p.get("format"), "--format");
  for (const auto& file : p.getAll("data")) {
    auto part = sft::readConversations(file, format);
    r.samples.insert(r.samples.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  if (p.has("band") && p.has("quantiles")) throw Error("give --band or --quantiles, not both");
  if (p.has("band")) r.selection.band = parsePair("band", p.get("band"));
  if (p.has("quantiles")) r.selection.quantiles = parsePair("quantiles", p.get("quantiles"));
  r.selection.budget = p.getInt64("budget");
  if (r.selection.budget < 0) throw Error("--budget: expected a count >= 0 (0: no limit)");
  r.selection.quotas = parseQuotas(p.getAll("quota"));
  r.prompts.fixed = p.has("system-prompt") ? p.get("system-prompt") : "";
  if (p.has("domain")) {
    const sft::DomainPack pack = sft::loadDomainPack(p.get("domain"), "--domain");
    r.prompts.zh = pack.systemPrompt.zh;
    r.prompts.en = pack.systemPrompt.en;
  }
  return r;
}

}  // namespace

int runSelectCommand(const std::vector<std::string>& args) {
  ArgParser p("sft select",
              "Score instruction samples by the model's own mean cross-entropy on their replies (nats/token), keep "
              "those in a band (trivial ones fall below it, noisy ones above), fill a budget composed by source, and "
              "write the subset (the records as read) and a report (docs/FINETUNING.md).");
  p.option("model", "model folder that scores the samples", std::nullopt, true)
      .option("data", "Alpaca or ShareGPT JSON Lines file (repeatable)", std::nullopt, true)
      .option("out", "the selected records (JSON Lines)", std::nullopt, true)
      .option("report", "report (JSON): histogram, counts per source and band, per-sample scores", std::nullopt, true)
      .option("band", "keep scores in LOW,HIGH (nats/token)")
      .option("quantiles", "keep scores between these quantiles (default 0.1,0.9)")
      .option("budget", "keep at most N samples (0: every sample in the band)", "0")
      .option("quota", "source=N: at most N samples from this source, taken first (repeatable)")
      .option("format", "auto, alpaca or sharegpt", "auto")
      .option("system-prompt", "system prompt for samples without one (as in training)")
      .option("domain", "a domain pack whose system prompts samples without one get (law, finance)")
      .option("batch-size", "samples per forward pass", "8")
      .option("max-tokens", "cut samples to this many tokens (0: the model's window)", "0")
      .option("device", "cpu, cuda or cuda:N", "cpu");
  SelectRequest request;
  try {
    if (!p.parse(args)) return 0;
    request = readRequest(p);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return kExitBadInput;
  }
  try {
    auto loaded = loadModelFolder(p.get("model"), DeviceSpec::parse(p.get("device"), "float32"));
    ProgressBar bar("select", static_cast<int64_t>(request.samples.size()), "sample");
    const auto scores = sft::scoreConversations(*loaded, request.samples, request.prompts,
                                                {p.getInt64("batch-size"), p.getInt64("max-tokens")},
                                                [&](int64_t done) { bar.update(done); });
    bar.finish();
    std::vector<std::string> sources;
    for (const auto& c : request.samples) sources.push_back(c.source);
    sft::Selection selection;
    try {
      selection = sft::selectSamples(scores, sources, request.selection);
    } catch (const Error& e) {
      std::cerr << "error: " << e.what() << std::endl;
      return kExitBadInput;
    }
    const Json report = sft::selectionReport(request.samples, scores, selection, request.selection);
    sft::writeKeptRecords(p.get("out"), request.samples, selection);
    writeJsonFileAtomic(p.get("report"), report);
    sft::printSelectionReport(report, std::cout);
    std::cerr << "sft select: wrote " << selection.keptCount() << " samples to " << p.get("out") << ", report "
              << p.get("report") << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  }
}

}  // namespace mindllm::cli
