#include "training/sft/selection_report.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "core/util/atomic_file.h"

namespace mindllm::sft {
namespace {

Json countsTemplate() { return {{"total", 0}, {"below", 0}, {"in", 0}, {"above", 0}, {"unscored", 0}, {"kept", 0}, {"dropped", 0}}; }

Json histogram(const std::vector<double>& scores, const Selection& selection, int bins) {
  std::vector<double> finite;
  for (double s : scores)
    if (std::isfinite(s)) finite.push_back(s);
  if (finite.empty()) return {{"edges", Json::array()}, {"counts", Json::array()}, {"kept", Json::array()}};
  const auto [lo, hi] = std::minmax_element(finite.begin(), finite.end());
  const double min = *lo, width = *hi > *lo ? (*hi - *lo) / bins : 1.0;
  std::vector<double> edges;
  for (int b = 0; b <= bins; ++b) edges.push_back(min + width * b);
  std::vector<int64_t> counts(static_cast<size_t>(bins), 0), kept(static_cast<size_t>(bins), 0);
  for (size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) continue;
    const auto b = static_cast<size_t>(std::clamp(static_cast<int>((scores[i] - min) / width), 0, bins - 1));
    ++counts[b];
    kept[b] += selection.kept[i] ? 1 : 0;
  }
  return {{"edges", edges}, {"counts", counts}, {"kept", kept}};
}

std::string fixed(double v, int digits = 3) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

}  // namespace

Json selectionReport(const std::vector<Conversation>& samples, const std::vector<double>& scores,
                     const Selection& selection, const SelectionOptions& options, int bins) {
  Json bySource = Json::object(), byBand = Json::object(), items = Json::array();
  for (const char* band : {"below", "in", "above", "unscored"}) byBand[band] = {{"total", 0}, {"kept", 0}};
  double sum = 0;
  int64_t scored = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const char* band = toString(selection.bands[i]);
    Json& src = bySource[samples[i].source];
    if (src.is_null()) src = countsTemplate();
    src["total"] = src["total"].get<int64_t>() + 1;
    src[band] = src[band].get<int64_t>() + 1;
    const char* fate = selection.kept[i] ? "kept" : "dropped";
    src[fate] = src[fate].get<int64_t>() + 1;
    byBand[band]["total"] = byBand[band]["total"].get<int64_t>() + 1;
    if (selection.kept[i]) byBand[band]["kept"] = byBand[band]["kept"].get<int64_t>() + 1;
    if (std::isfinite(scores[i])) {
      sum += scores[i];
      ++scored;
    }
    items.push_back({{"file", samples[i].file},
                     {"line", samples[i].line},
                     {"source", samples[i].source},
                     {"score", std::isfinite(scores[i]) ? Json(scores[i]) : Json(nullptr)},
                     {"band", band},
                     {"kept", static_cast<bool>(selection.kept[i])}});
  }
  Json summary = {{"samples", samples.size()}, {"scored", scored}};
  summary["mean"] = scored > 0 ? Json(sum / static_cast<double>(scored)) : Json(nullptr);
  for (double q : {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0}) {
    const double v = quantile(scores, q);
    summary["quantiles"][fixed(q, 2)] = std::isfinite(v) ? Json(v) : Json(nullptr);
  }
  Json band = {{"low", selection.low}, {"high", selection.high}};
  if (options.band)
    band["given"] = "band";
  else
    band["given"] = "quantiles " + fixed(options.quantiles.first, 2) + "," + fixed(options.quantiles.second, 2);
  return {{"score", "mean cross-entropy of the reply tokens under the model (nats/token)"},
          {"summary", summary},
          {"band", band},
          {"budget", options.budget},
          {"quotas", options.quotas},
          {"selected", selection.keptCount()},
          {"histogram", histogram(scores, selection, bins)},
          {"sources", bySource},
          {"bands", byBand},
          {"items", items}};
}

void writeKeptRecords(const std::string& path, const std::vector<Conversation>& samples, const Selection& selection) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  writeFileAtomic(path, [&](std::ostream& out) {
    for (size_t i = 0; i < samples.size(); ++i)
      if (selection.kept[i]) out << samples[i].record << '\n';
  });
}

void printSelectionReport(const Json& report, std::ostream& out) {
  out << "entropy band [" << fixed(report["band"]["low"].get<double>()) << ", "
      << fixed(report["band"]["high"].get<double>()) << "] nats/token (" << report["band"]["given"].get<std::string>()
      << "), selected " << report["selected"].get<int64_t>() << " of " << report["summary"]["samples"].get<int64_t>()
      << "\n\n";
  out << std::left << std::setw(24) << "source" << std::right << std::setw(8) << "total" << std::setw(8) << "below"
      << std::setw(8) << "in" << std::setw(8) << "above" << std::setw(8) << "kept" << std::setw(9) << "dropped\n";
  for (const auto& [source, c] : report["sources"].items())
    out << std::left << std::setw(24) << source << std::right << std::setw(8) << c["total"].get<int64_t>()
        << std::setw(8) << c["below"].get<int64_t>() << std::setw(8) << c["in"].get<int64_t>() << std::setw(8)
        << c["above"].get<int64_t>() << std::setw(8) << c["kept"].get<int64_t>() << std::setw(8)
        << c["dropped"].get<int64_t>() << "\n";
  out << "\n" << std::left << std::setw(24) << "band" << std::right << std::setw(8) << "total" << std::setw(8) << "kept"
      << "\n";
  for (const auto& [band, c] : report["bands"].items())
    out << std::left << std::setw(24) << band << std::right << std::setw(8) << c["total"].get<int64_t>() << std::setw(8)
        << c["kept"].get<int64_t>() << "\n";
  const Json& h = report["histogram"];
  if (h["counts"].empty()) return;
  int64_t most = 1;
  for (const auto& c : h["counts"]) most = std::max(most, c.get<int64_t>());
  out << "\nscore histogram (nats/token; # kept, . dropped)\n";
  for (size_t b = 0; b < h["counts"].size(); ++b) {
    const int64_t count = h["counts"][b].get<int64_t>(), kept = h["kept"][b].get<int64_t>();
    const int keptBar = static_cast<int>(40 * kept / most), allBar = static_cast<int>(40 * count / most);
    out << std::right << std::setw(8) << fixed(h["edges"][b].get<double>(), 2) << " - " << std::left << std::setw(8)
        << fixed(h["edges"][b + 1].get<double>(), 2) << std::right << std::setw(6) << count << " "
        << std::string(static_cast<size_t>(keptBar), '#') << std::string(static_cast<size_t>(allBar - keptBar), '.')
        << "\n";
  }
}

}  // namespace mindllm::sft
