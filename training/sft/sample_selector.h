#pragma once
// Keeps the samples whose entropy score lies in a band and composes a budget from them by source.
//
// The band is given in nats ([low, high], inclusive) or as quantiles of the scores. Samples below
// it are trivial for the model, above it noisy. A budget then takes at most N of the in-band
// samples: sources with a quota get up to their quota first, the rest of the budget goes round
// robin over the other sources, so no single source crowds out the rest. Within a source the
// samples nearest the band's middle go first (the core of the band before its edges), ties in
// data order. Without a budget every in-band sample is kept (quotas still cap their sources).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mindllm::sft {

enum class Band { Below, In, Above, Unscored };
const char* toString(Band band);

struct SelectionOptions {
  std::optional<std::pair<double, double>> band;   // nats
  std::pair<double, double> quantiles{0.1, 0.9};   // used when no band is given
  int64_t budget = 0;                              // 0: no limit
  std::map<std::string, int64_t> quotas;           // source -> most samples kept from it
};

struct Selection {
  double low = 0, high = 0;  // the band in nats
  std::vector<Band> bands;   // per sample
  std::vector<bool> kept;    // per sample
  int64_t keptCount() const;
};

// `scores` may hold NaN (unscored samples, never kept). Throws Error for a quota naming a source
// that has no samples, quotas that add up to more than the budget, or an empty or inverted band.
Selection selectSamples(const std::vector<double>& scores, const std::vector<std::string>& sources,
                        const SelectionOptions& options);

// The q-quantile of the finite values (linear interpolation, as numpy's default).
double quantile(std::vector<double> values, double q);

}  // namespace mindllm::sft
