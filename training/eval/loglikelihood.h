#pragma once
// The two scoring primitives of the harness, batched over rows that continue one shared prefix.
// Rows have different lengths and are right-padded; only logits at real positions are read, and
// only at the positions that are needed (not the full [rows, T, vocab] tensor).
#include <torch/torch.h>

#include <vector>

#include "training/eval/prefix_cache.h"

namespace mindllm::eval {

// Log-probabilities of the next token after prefix + rows[i]: [rows, vocab] float32 on the CPU.
// An empty row means "right after the prefix" (the prefix must then be non-empty).
torch::Tensor nextTokenLogProbs(const PrefixCache& prefix, const std::vector<std::vector<TokenId>>& rows);

struct ContinuationScore {
  double logProb = 0;  // sum over the continuation's tokens
  int tokens = 0;
};

// log P(continuations[i] | prefix + contexts[i]) for each i (contexts may be empty rows).
std::vector<ContinuationScore> continuationLogProbs(const PrefixCache& prefix,
                                                    const std::vector<std::vector<TokenId>>& contexts,
                                                    const std::vector<std::vector<TokenId>>& continuations);

}  // namespace mindllm::eval
