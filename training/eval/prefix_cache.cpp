#include "training/eval/prefix_cache.h"

#include <algorithm>

namespace mindllm::eval {

torch::Device deviceOf(CausalLMImpl& model) {
  auto params = model.parameters();
  return params.empty() ? torch::Device(torch::kCPU) : params.front().device();
}

torch::Tensor paddedIds(const std::vector<std::vector<TokenId>>& rows, const torch::Device& device) {
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  auto ids = torch::zeros({static_cast<int64_t>(rows.size()), static_cast<int64_t>(width)}, torch::kLong);
  auto acc = ids.accessor<int64_t, 2>();
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j) acc[static_cast<int64_t>(i)][static_cast<int64_t>(j)] = rows[i][j];
  return ids.to(device);
}

PrefixCache::PrefixCache(CausalLMImpl& model, std::vector<TokenId> ids) : model_(&model), ids_(std::move(ids)) {
  if (ids_.empty()) return;
  torch::NoGradGuard noGrad;
  cache_ = model.makeCache(1, length());
  auto hidden = model.hidden(paddedIds({ids_}, deviceOf(model)), &cache_);
  next_ = torch::log_softmax(model.logitsFromHidden(hidden.select(1, length() - 1)).to(torch::kFloat), -1)[0].cpu();
}

KVCache PrefixCache::branch(int64_t rows, int64_t extra) const {
  KVCache out = model_->makeCache(rows, length() + extra);
  if (empty()) return out;
  for (size_t l = 0; l < out.keys.size(); ++l) {
    out.keys[l].narrow(2, 0, length()).copy_(cache_.keys[l].narrow(2, 0, length()).expand({rows, -1, -1, -1}));
    out.values[l].narrow(2, 0, length()).copy_(cache_.values[l].narrow(2, 0, length()).expand({rows, -1, -1, -1}));
  }
  out.length = length();
  return out;
}

PrefixCache PrefixCache::extend(const std::vector<TokenId>& more) const {
  std::vector<TokenId> ids = ids_;
  ids.insert(ids.end(), more.begin(), more.end());
  if (more.empty()) return *this;
  if (empty()) return PrefixCache(*model_, std::move(ids));
  torch::NoGradGuard noGrad;
  KVCache cache = branch(1, static_cast<int64_t>(more.size()));
  auto hidden = model_->hidden(paddedIds({more}, deviceOf(*model_)), &cache);
  auto next = torch::log_softmax(
      model_->logitsFromHidden(hidden.select(1, hidden.size(1) - 1)).to(torch::kFloat), -1)[0].cpu();
  return PrefixCache(*model_, std::move(ids), std::move(cache), std::move(next));
}

}  // namespace mindllm::eval
