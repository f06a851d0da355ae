#include "training/sft/validation_split.h"

#include <algorithm>

#include "training/data/hashing.h"

namespace mindllm::sft {

Split splitForValidation(std::vector<Conversation> samples, double fraction, uint64_t seed) {
  Split split;
  if (fraction <= 0) {
    split.train = std::move(samples);
    return split;
  }
  std::vector<double> u(samples.size());
  for (size_t i = 0; i < samples.size(); ++i)
    u[i] = static_cast<double>(data::hash64(samples[i].record, seed) >> 11) * 0x1.0p-53;  // uniform in [0, 1)
  // A tiny set may draw nobody: hold out the sample with the lowest hash instead.
  size_t lowest = static_cast<size_t>(std::min_element(u.begin(), u.end()) - u.begin());
  const bool anyone = std::any_of(u.begin(), u.end(), [&](double x) { return x < fraction; });
  for (size_t i = 0; i < samples.size(); ++i) {
    const bool val = u[i] < fraction || (!anyone && samples.size() > 1 && i == lowest);
    (val ? split.val : split.train).push_back(std::move(samples[i]));
  }
  return split;
}

}  // namespace mindllm::sft
