#pragma once
// The interface both layouts implement: token ids in, next-token logits out, with an optional
// KV cache. Parameter names are the Hugging Face ones, so checkpoints load by name.
#include <torch/torch.h>

#include <memory>

#include "core/model/kv_cache.h"
#include "core/model/model_config.h"

namespace mindllm {

class CausalLMImpl : public torch::nn::Module {
public:
  explicit CausalLMImpl(ModelConfig config) : config_(std::move(config)) {}
  ~CausalLMImpl() override = default;

  // ids: [B, T] int64. With a cache, positions continue from cache->length and the cache grows.
  // Returns logits [B, T, vocab] in float32.
  virtual torch::Tensor forward(const torch::Tensor& ids, KVCache* cache = nullptr) = 0;
  // Hidden states after the final norm, [B, T, hidden] (used by training to avoid full logits).
  virtual torch::Tensor hidden(const torch::Tensor& ids, KVCache* cache = nullptr) = 0;
  virtual torch::Tensor logitsFromHidden(const torch::Tensor& hidden) = 0;

  // Scaled normal init (GPT-2 / the paper's deep-model init: residual projections / sqrt(2L)).
  virtual void initWeights(uint64_t seed) = 0;

  // Recompute each block in backward instead of storing its activations (saves memory).
  void setActivationCheckpointing(bool on) { checkpointing_ = on; }

  const ModelConfig& config() const { return config_; }
  KVCache makeCache(int64_t batch, int64_t capacity) const;

protected:
  ModelConfig config_;
  bool checkpointing_ = false;
};

using CausalLM = std::shared_ptr<CausalLMImpl>;

// Builds the module for a config's layout (weights uninitialised: load or initWeights next).
CausalLM createCausalLM(const ModelConfig& config);

// Applies a block with optional activation checkpointing (recompute in backward).
torch::Tensor runCheckpointed(const std::function<torch::Tensor(const torch::Tensor&)>& block, const torch::Tensor& x,
                              bool checkpoint);

}  // namespace mindllm
