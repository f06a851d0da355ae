#pragma once
// A prompt prefix run through the model once and kept as a KV cache, so that many continuations
// (the questions of a subject after its k-shot header, or the options of one question) are
// computed from it without recomputing the prefix. branch() copies the prefix's keys/values into
// a batch of rows that each continue independently.
#include <torch/torch.h>

#include <vector>

#include "core/model/causal_lm.h"
#include "core/tokenizer/tokenizer.h"

namespace mindllm::eval {

class PrefixCache {
public:
  // Prefills `ids` (may be empty: then nothing is cached and rows start from scratch).
  PrefixCache(CausalLMImpl& model, std::vector<TokenId> ids);

  CausalLMImpl& model() const { return *model_; }
  const std::vector<TokenId>& ids() const { return ids_; }
  int64_t length() const { return static_cast<int64_t>(ids_.size()); }
  bool empty() const { return ids_.empty(); }
  // log_softmax of the logits after the last prefix token: [vocab] float32 on the CPU.
  const torch::Tensor& nextLogProbs() const { return next_; }

  // A cache of `rows` rows holding the prefix, with room for `extra` more positions per row.
  KVCache branch(int64_t rows, int64_t extra) const;
  // This prefix followed by `more` (prefills only `more`).
  PrefixCache extend(const std::vector<TokenId>& more) const;

private:
  PrefixCache(CausalLMImpl& model, std::vector<TokenId> ids, KVCache cache, torch::Tensor next)
      : model_(&model), ids_(std::move(ids)), cache_(std::move(cache)), next_(std::move(next)) {}
  CausalLMImpl* model_;
  std::vector<TokenId> ids_;
  KVCache cache_;
  torch::Tensor next_;
};

torch::Device deviceOf(CausalLMImpl& model);
// [rows, maxLen] int64 on `device`, right-padded with 0 (padding sits after each row's tokens, so a
// causal model's outputs at real positions do not see it).
torch::Tensor paddedIds(const std::vector<std::vector<TokenId>>& rows, const torch::Device& device);

}  // namespace mindllm::eval
