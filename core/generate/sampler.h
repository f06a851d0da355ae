#pragma once
// Picks the next token from logits: repetition penalty, temperature, top-k, top-p, then a draw
// from a seeded generator, so the same seed gives the same text. Order and formulas follow
// Hugging Face's logits processors.
#include <random>
#include <vector>

#include "core/generate/sampling_params.h"
#include "core/tokenizer/tokenizer.h"

namespace mindllm {

class Sampler {
public:
  explicit Sampler(const SamplingParams& params);

  // logits: one row of float32 scores (modified in place). history: prompt + generated ids.
  TokenId sample(std::vector<float>& logits, const std::vector<TokenId>& history);

  static void applyRepetitionPenalty(std::vector<float>& logits, const std::vector<TokenId>& history, float penalty);
  // Turns logits into a probability vector after temperature, top-k and top-p filtering.
  static std::vector<double> filteredProbabilities(const std::vector<float>& logits, float temperature, int topK,
                                                   float topP);

private:
  SamplingParams params_;
  std::mt19937_64 rng_;
};

}  // namespace mindllm
