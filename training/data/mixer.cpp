#include "training/data/mixer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <random>

#include "core/cli/progress_bar.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "core/util/utf8.h"
#include "training/data/hashing.h"
#include "training/data/jsonl_writer.h"
#include "training/data/text_cleaner.h"

namespace mindllm::data {
namespace {

struct IndexedSource {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> tokens;
  std::vector<uint32_t> lengths;  // bytes of the line
  int64_t totalTokens = 0;
};

std::string textOfLine(const std::string& line, const std::string& path, long lineNo) {
  try {
    Json j = Json::parse(line);
    auto it = j.find("text");
    if (it == j.end() || !it->is_string()) throw fileError(path, lineNo, "missing string field 'text'");
    return it->get<std::string>();
  } catch (const nlohmann::json::parse_error& e) {
    throw fileError(path, lineNo, std::string("invalid JSON: ") + e.what());
  }
}

IndexedSource indexSource(const MixSource& source, const TokenCounter& countTokens) {
  IndexedSource idx;
  std::ifstream in(source.path, std::ios::binary);
  if (!in) throw fileError(source.path, "cannot open mixing source '" + source.name + "'");
  std::string line;
  uint64_t offset = 0;
  long lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    const uint64_t here = offset;
    offset += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const int64_t t = countTokens(textOfLine(line, source.path, lineNo));
    idx.offsets.push_back(here);
    idx.lengths.push_back(static_cast<uint32_t>(line.size()));
    idx.tokens.push_back(static_cast<uint32_t>(std::min<int64_t>(t, UINT32_MAX)));
    idx.totalTokens += t;
  }
  return idx;
}

}  // namespace

int64_t approximateTokenCount(std::string_view text) {
  int64_t han = 0, otherBytes = 0;
  for (char32_t c : utf8::decode(text)) {
    if (isHan(c)) {
      ++han;
    } else {
      otherBytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
  }
  return han + (otherBytes + 3) / 4;
}

void deterministicShuffle(std::vector<uint32_t>& items, uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (size_t i = items.size(); i > 1; --i) {
    const size_t j = static_cast<size_t>(rng() % i);
    std::swap(items[i - 1], items[j]);
  }
}

StageReport mixSources(const std::vector<MixSource>& sources, const MixOptions& options, const std::string& outputPath,
                       const TokenCounter& countTokens, bool progress) {
  if (sources.empty()) throw Error("mix: no sources given");
  StageReport report("mix");
  double ratioSum = 0;
  for (const auto& s : sources) {
    if (!(s.ratio >= 0)) throw Error("mix: source '" + s.name + "' has a negative ratio");
    ratioSum += s.ratio;
  }
  if (ratioSum <= 0) throw Error("mix: ratios sum to zero");

  std::vector<IndexedSource> indexed;
  for (const auto& s : sources) indexed.push_back(indexSource(s, countTokens));

  // The total: as given, or the most the sources allow at these ratios without repeating.
  double total = static_cast<double>(options.totalTokens);
  if (total <= 0) {
    total = INFINITY;
    for (size_t i = 0; i < sources.size(); ++i)
      if (sources[i].ratio > 0) total = std::min(total, indexed[i].totalTokens / (sources[i].ratio / ratioSum));
    if (!std::isfinite(total)) total = 0;
  }

  // picks: (source index << 32) | document index
  std::vector<uint64_t> picks;
  for (size_t i = 0; i < sources.size(); ++i) {
    const IndexedSource& idx = indexed[i];
    const double budget = total * sources[i].ratio / ratioSum;
    double taken = 0;
    std::vector<char> used(idx.offsets.size(), 0);
    for (uint64_t epoch = 0; taken < budget && !idx.offsets.empty(); ++epoch) {
      if (epoch > 0 && !options.allowRepeat) {
        report.note("source '" + sources[i].name + "' has " + std::to_string(idx.totalTokens) + " tokens, short of its " +
                    std::to_string(static_cast<int64_t>(budget)) + " token budget (allow_repeat is off)");
        break;
      }
      std::vector<uint32_t> order(idx.offsets.size());
      for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
      deterministicShuffle(order, options.seed ^ hash64(sources[i].name) ^ mix64(epoch + 1));
      for (uint32_t k : order) {
        if (taken >= budget) break;
        picks.push_back((static_cast<uint64_t>(i) << 32) | k);
        used[k] = 1;
        taken += idx.tokens[k];
      }
    }
    report.count("tokens_budget." + sources[i].name, static_cast<int64_t>(budget));
    report.count("tokens." + sources[i].name, static_cast<int64_t>(taken));
    for (size_t k = 0; k < used.size(); ++k)
      if (!used[k]) report.dropped("not_sampled", idx.lengths[k]);
  }

  // Interleave the sources.
  std::vector<uint32_t> order(picks.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  deterministicShuffle(order, options.seed ^ 0x6D6978ull);

  std::vector<std::ifstream> files;
  for (const auto& s : sources) files.emplace_back(s.path, std::ios::binary);
  JsonlWriter writer(outputPath);
  std::optional<cli::ProgressBar> bar;
  if (progress) bar.emplace("mix", static_cast<int64_t>(order.size()), "docs");
  std::string line;
  int64_t done = 0;
  for (uint32_t k : order) {
    const size_t src = static_cast<size_t>(picks[k] >> 32);
    const uint32_t doc = static_cast<uint32_t>(picks[k] & 0xFFFFFFFFu);
    std::ifstream& in = files[src];
    in.clear();
    in.seekg(static_cast<std::streamoff>(indexed[src].offsets[doc]));
    line.resize(indexed[src].lengths[doc]);
    in.read(line.data(), static_cast<std::streamsize>(line.size()));
    if (!in) throw fileError(sources[src].path, "changed while mixing");
    Json j = Json::parse(line);
    Document d;
    d.text = j.value("text", "");
    d.id = j.value("id", "");
    d.lang = j.value("lang", "");
    d.source = sources[src].name;
    writer.write(d);
    report.kept(line.size());
    report.count("docs." + sources[src].name);
    if (bar && (++done & 255) == 0) bar->update(done);
  }
  writer.commit();
  if (bar) bar->finish();
  return report;
}

}  // namespace mindllm::data
