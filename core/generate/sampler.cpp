#include "core/generate/sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mindllm {

Sampler::Sampler(const SamplingParams& params) : params_(params), rng_(params.seed) {}

void Sampler::applyRepetitionPenalty(std::vector<float>& logits, const std::vector<TokenId>& history, float penalty) {
  if (penalty == 1.0f) return;
  std::vector<bool> seen(logits.size(), false);
  for (TokenId id : history) {
    if (id < 0 || static_cast<size_t>(id) >= logits.size() || seen[static_cast<size_t>(id)]) continue;
    seen[static_cast<size_t>(id)] = true;
    float& l = logits[static_cast<size_t>(id)];
    l = l < 0 ? l * penalty : l / penalty;  // CTRL's penalty, as HF applies it
  }
}

std::vector<double> Sampler::filteredProbabilities(const std::vector<float>& logits, float temperature, int topK,
                                                   float topP) {
  const size_t n = logits.size();
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Sort only what top-k keeps; top-p then walks the sorted prefix.
  size_t keep = (topK > 0 && static_cast<size_t>(topK) < n) ? static_cast<size_t>(topK) : n;
  auto byLogit = [&](int a, int b) { return logits[static_cast<size_t>(a)] > logits[static_cast<size_t>(b)]; };
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(keep), order.end(), byLogit);
  order.resize(keep);

  std::vector<double> p(keep);
  const double maxLogit = logits[static_cast<size_t>(order[0])] / temperature;
  double sum = 0;
  for (size_t i = 0; i < keep; ++i) {
    p[i] = std::exp(logits[static_cast<size_t>(order[i])] / temperature - maxLogit);
    sum += p[i];
  }
  if (topP < 1.0f) {
    // Keep the smallest prefix whose mass reaches top_p (at least one token).
    double cumulative = 0;
    size_t cut = keep;
    for (size_t i = 0; i < keep; ++i) {
      cumulative += p[i] / sum;
      if (cumulative >= topP) {
        cut = i + 1;
        break;
      }
    }
    keep = cut;
  }
  std::vector<double> probs(n, 0.0);
  double kept = 0;
  for (size_t i = 0; i < keep; ++i) kept += p[i];
  for (size_t i = 0; i < keep; ++i) probs[static_cast<size_t>(order[i])] = p[i] / kept;
  return probs;
}

TokenId Sampler::sample(std::vector<float>& logits, const std::vector<TokenId>& history) {
  applyRepetitionPenalty(logits, history, params_.repetitionPenalty);
  if (params_.greedy())
    return static_cast<TokenId>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  const auto probs = filteredProbabilities(logits, params_.temperature, params_.topK, params_.topP);
  // Inverse-CDF draw with our own generator: identical across platforms and library versions.
  const double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  double cumulative = 0;
  TokenId last = 0;
  for (size_t i = 0; i < probs.size(); ++i) {
    if (probs[i] <= 0) continue;
    cumulative += probs[i];
    last = static_cast<TokenId>(i);
    if (u < cumulative) return last;
  }
  return last;
}

}  // namespace mindllm
