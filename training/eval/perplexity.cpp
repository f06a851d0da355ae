#include "training/eval/perplexity.h"

#include <algorithm>

#include "core/util/error.h"
#include "training/eval/prefix_cache.h"

namespace mindllm::eval {
namespace {

constexpr int64_t kLogitChunk = 1024;

// A window [begin, end) that scores the targets at positions [firstTarget, end).
struct Window {
  int64_t begin, end, firstTarget;
};

std::vector<Window> windowsFor(int64_t n, int64_t window, int64_t stride) {
  // A window's first token has no context inside it, so windows overlap by at least one token.
  stride = std::min(stride, window - 1);
  std::vector<Window> out;
  int64_t scoredUpTo = 1;  // position 0 is context only
  for (int64_t begin = 0; scoredUpTo < n; begin += stride) {
    const int64_t end = std::min(begin + window, n);
    out.push_back({begin, end, std::max(scoredUpTo, begin + 1)});
    scoredUpTo = end;
  }
  return out;
}

}  // namespace

int64_t slidingWindowCount(int64_t tokens, int64_t window, int64_t stride) {
  return static_cast<int64_t>(windowsFor(tokens, window, stride).size());
}

NllSum slidingWindowNll(CausalLMImpl& model, const std::vector<TokenId>& ids, int64_t window, int64_t stride, int batch,
                        const std::function<void(int)>& onWindows, const std::atomic<bool>* cancel) {
  if (window < 2) throw Error("perplexity window must be at least 2 tokens");
  if (stride < 1 || stride > window) throw Error("perplexity stride must be between 1 and the window");
  torch::NoGradGuard noGrad;
  model.eval();
  const auto device = deviceOf(model);
  const auto windows = windowsFor(static_cast<int64_t>(ids.size()), window, stride);
  NllSum sum;
  const size_t step = static_cast<size_t>(std::max(1, batch));
  for (size_t start = 0; start < windows.size(); start += step) {
    if (cancel && cancel->load()) break;
    const size_t end = std::min(windows.size(), start + step);
    std::vector<std::vector<TokenId>> rows;
    std::vector<int64_t> rowIndex, position;
    std::vector<int64_t> targets;
    for (size_t w = start; w < end; ++w) {
      const auto& win = windows[w];
      rows.emplace_back(ids.begin() + win.begin, ids.begin() + win.end);
      // Target t is predicted from the output at t - 1, relative to the window's start.
      for (int64_t t = win.firstTarget; t < win.end; ++t) {
        rowIndex.push_back(static_cast<int64_t>(w - start));
        position.push_back(t - 1 - win.begin);
        targets.push_back(ids[static_cast<size_t>(t)]);
      }
    }
    auto hidden = model.hidden(paddedIds(rows, device));
    auto picked = hidden.index({torch::tensor(rowIndex, torch::kLong).to(device),
                                torch::tensor(position, torch::kLong).to(device)});
    auto target = torch::tensor(targets, torch::kLong).to(device).unsqueeze(1);
    // Logits in chunks: [positions, vocab] in float32 for a whole batch of long windows is large.
    for (int64_t from = 0; from < picked.size(0); from += kLogitChunk) {
      const int64_t len = std::min(kLogitChunk, picked.size(0) - from);
      auto logProbs = torch::log_softmax(model.logitsFromHidden(picked.narrow(0, from, len)).to(torch::kFloat), -1);
      sum.nll -= logProbs.gather(1, target.narrow(0, from, len)).to(torch::kDouble).sum().item<double>();
    }
    sum.tokens += static_cast<int64_t>(targets.size());
    sum.windows += static_cast<int64_t>(end - start);
    if (onWindows) onWindows(static_cast<int>(end - start));
  }
  return sum;
}

}  // namespace mindllm::eval
