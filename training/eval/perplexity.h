#pragma once
// Perplexity of a token sequence under a model too long for its window, by the sliding-window
// method: windows of `window` tokens start every `stride` tokens, and each window scores only the
// tokens the previous one did not, so every token is scored once, with at least window - stride
// tokens of context (all there are near the start). The stride is capped at window - 1: a window's
// first token has nothing before it inside the window.
#include <atomic>
#include <functional>
#include <vector>

#include "core/model/causal_lm.h"
#include "core/tokenizer/tokenizer.h"

namespace mindllm::eval {

struct NllSum {
  int64_t tokens = 0;  // tokens scored: ids.size() - 1 (the first is context only)
  double nll = 0;      // summed negative log-likelihood in nats
  int64_t windows = 0;
};

// `batch` windows of equal length run in one forward pass. `onWindows(n)` reports progress.
NllSum slidingWindowNll(CausalLMImpl& model, const std::vector<TokenId>& ids, int64_t window, int64_t stride,
                        int batch = 4, const std::function<void(int)>& onWindows = {},
                        const std::atomic<bool>* cancel = nullptr);

// Number of windows slidingWindowNll uses, for progress totals.
int64_t slidingWindowCount(int64_t tokens, int64_t window, int64_t stride);

}  // namespace mindllm::eval
