#pragma once
// The Llama layout for new pretraining, computing what Hugging Face's LlamaForCausalLM computes:
// RoPE (rotate-half form), RMSNorm, SwiGLU MLP, optional grouped-query attention and tied head.
#include "core/model/causal_lm.h"
#include "core/model/projection.h"

namespace mindllm {

struct RmsNormImpl : torch::nn::Module {
  RmsNormImpl(int64_t dim, double eps);
  torch::Tensor forward(const torch::Tensor& x);
  torch::Tensor weight;
  double eps;
};
TORCH_MODULE(RmsNorm);

// Rotary position tables, computed once for the whole context window.
struct RotaryTables {
  torch::Tensor cos, sin;  // [maxPositions, headDim] float32
  void build(int64_t maxPositions, int64_t headDim, double theta, const torch::Device& device);
};

struct LlamaAttentionImpl : torch::nn::Module {
  LlamaAttentionImpl(const ModelConfig& c, int layer);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, KVCache* cache);

  Projection q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};
  int layer, heads, kvHeads, headDim;
  double dropout;
};
TORCH_MODULE(LlamaAttention);

struct LlamaMlpImpl : torch::nn::Module {
  LlamaMlpImpl(const ModelConfig& c);
  torch::Tensor forward(const torch::Tensor& x);
  Projection gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(LlamaMlp);

struct LlamaDecoderLayerImpl : torch::nn::Module {
  LlamaDecoderLayerImpl(const ModelConfig& c, int layer);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin, KVCache* cache);
  RmsNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
  LlamaAttention self_attn{nullptr};
  LlamaMlp mlp{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

class LlamaForCausalLM : public CausalLMImpl {
public:
  explicit LlamaForCausalLM(const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& ids, KVCache* cache = nullptr) override;
  torch::Tensor hidden(const torch::Tensor& ids, KVCache* cache = nullptr) override;
  torch::Tensor logitsFromHidden(const torch::Tensor& hidden) override;
  void initWeights(uint64_t seed) override;

private:
  std::shared_ptr<torch::nn::Module> model_;
  torch::nn::Embedding embedTokens_{nullptr};
  std::vector<LlamaDecoderLayer> layers_;
  RmsNorm norm_{nullptr};
  torch::nn::Linear lmHead_{nullptr};
  RotaryTables rope_;
};

}  // namespace mindllm
