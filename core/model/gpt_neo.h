#pragma once
// GPT-Neo, the layout of the published MindLLM-1.3B checkpoint, computing what Hugging Face's
// GPTNeoForCausalLM computes: learned positions, alternating global/local (windowed) attention
// with unscaled fp32 scores, LayerNorm, gelu_new MLP, biases on out_proj and the MLP, tied head.
#include "core/model/causal_lm.h"
#include "core/model/projection.h"

namespace mindllm {

struct GptNeoAttentionImpl : torch::nn::Module {
  GptNeoAttentionImpl(const ModelConfig& c, int layer);
  torch::Tensor forward(const torch::Tensor& x, KVCache* cache);

  Projection q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, out_proj{nullptr};
  int layer, heads, headDim, window;
  bool local;
  double attnDropout, residDropout;
};
TORCH_MODULE(GptNeoAttention);

struct GptNeoMlpImpl : torch::nn::Module {
  GptNeoMlpImpl(const ModelConfig& c);
  torch::Tensor forward(const torch::Tensor& x);

  Projection c_fc{nullptr}, c_proj{nullptr};
  std::string activation;
  double residDropout;
};
TORCH_MODULE(GptNeoMlp);

struct GptNeoBlockImpl : torch::nn::Module {
  GptNeoBlockImpl(const ModelConfig& c, int layer);
  torch::Tensor forward(const torch::Tensor& x, KVCache* cache);

  torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
  std::shared_ptr<torch::nn::Module> attn;  // holds "attention" so names match HF: h.N.attn.attention.q_proj
  GptNeoAttention attention{nullptr};
  GptNeoMlp mlp{nullptr};
};
TORCH_MODULE(GptNeoBlock);

class GptNeoForCausalLM : public CausalLMImpl {
public:
  explicit GptNeoForCausalLM(const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& ids, KVCache* cache = nullptr) override;
  torch::Tensor hidden(const torch::Tensor& ids, KVCache* cache = nullptr) override;
  torch::Tensor logitsFromHidden(const torch::Tensor& hidden) override;
  void initWeights(uint64_t seed) override;

private:
  std::shared_ptr<torch::nn::Module> transformer_;
  torch::nn::Embedding wte_{nullptr}, wpe_{nullptr};
  std::vector<GptNeoBlock> blocks_;
  torch::nn::LayerNorm lnF_{nullptr};
  torch::nn::Linear lmHead_{nullptr};
};

}  // namespace mindllm
