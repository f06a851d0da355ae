#include "training/sft/sample_selector.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

#include "core/util/error.h"

namespace mindllm::sft {

const char* toString(Band band) {
  switch (band) {
    case Band::Below: return "below";
    case Band::In: return "in";
    case Band::Above: return "above";
    default: return "unscored";
  }
}

int64_t Selection::keptCount() const { return std::count(kept.begin(), kept.end(), true); }

double quantile(std::vector<double> values, double q) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(values.size() - 1, lo + 1);
  return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

Selection selectSamples(const std::vector<double>& scores, const std::vector<std::string>& sources,
                        const SelectionOptions& options) {
  Selection s;
  if (options.band) {
    std::tie(s.low, s.high) = *options.band;
  } else {
    const auto [qlo, qhi] = options.quantiles;
    if (!(qlo >= 0 && qlo < qhi && qhi <= 1))
      throw Error("--quantiles: expected LOW,HIGH with 0 <= LOW < HIGH <= 1");
    s.low = quantile(scores, qlo);
    s.high = quantile(scores, qhi);
  }
  if (!(s.low <= s.high)) throw Error("--band: the low end must not exceed the high end");

  std::set<std::string> known(sources.begin(), sources.end());
  int64_t quotaTotal = 0;
  for (const auto& [source, n] : options.quotas) {
    if (!known.count(source)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw Error("--quota " + source + "=" + std::to_string(n) + ": no sample has source \"" + source +
                  "\" (sources: " + list + ")");
    }
    if (n < 0) throw Error("--quota " + source + ": expected a count >= 0");
    quotaTotal += n;
  }
  if (options.budget > 0 && quotaTotal > options.budget)
    throw Error("--quota: the quotas add up to " + std::to_string(quotaTotal) + ", more than --budget " +
                std::to_string(options.budget));

  const size_t n = scores.size();
  s.bands.resize(n);
  s.kept.assign(n, false);
  const double middle = (s.low + s.high) / 2;
  std::map<std::string, std::deque<size_t>> candidates;  // in-band samples by source, best first
  for (size_t i = 0; i < n; ++i) {
    const double x = scores[i];
    s.bands[i] = !std::isfinite(x) ? Band::Unscored : x < s.low ? Band::Below : x > s.high ? Band::Above : Band::In;
    if (s.bands[i] == Band::In) candidates[sources[i]].push_back(i);
  }
  for (auto& [source, list] : candidates)
    std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      return std::abs(scores[a] - middle) < std::abs(scores[b] - middle);
    });

  int64_t left = options.budget > 0 ? options.budget : std::numeric_limits<int64_t>::max();
  for (const auto& [source, quota] : options.quotas) {
    auto& list = candidates[source];
    for (int64_t k = 0; k < quota && !list.empty() && left > 0; ++k, --left) {
      s.kept[list.front()] = true;
      list.pop_front();
    }
    list.clear();  // a source with a quota gets no more than it
  }
  // Round robin over the remaining sources until the budget or the candidates run out.
  for (bool any = true; any && left > 0;) {
    any = false;
    for (auto& [source, list] : candidates) {
      if (list.empty() || left == 0) continue;
      s.kept[list.front()] = true;
      list.pop_front();
      --left;
      any = true;
    }
  }
  return s;
}

}  // namespace mindllm::sft
