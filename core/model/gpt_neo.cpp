#include "core/model/gpt_neo.h"

#include "core/compat/torch_compat.h"

namespace mindllm {

namespace F = torch::nn::functional;

GptNeoAttentionImpl::GptNeoAttentionImpl(const ModelConfig& c, int layerIndex)
    : layer(layerIndex), heads(c.numHeads), headDim(c.hiddenSize / c.numHeads), window(c.windowSize),
      local(c.isLocalLayer(layerIndex)), attnDropout(c.attentionDropout), residDropout(c.residDropout) {
  const int h = c.hiddenSize;
  q_proj = register_module("q_proj", Projection(h, h, false));
  k_proj = register_module("k_proj", Projection(h, h, false));
  v_proj = register_module("v_proj", Projection(h, h, false));
  out_proj = register_module("out_proj", Projection(h, h, true));
}

torch::Tensor GptNeoAttentionImpl::forward(const torch::Tensor& x, KVCache* cache) {
  const auto B = x.size(0), T = x.size(1);
  auto split = [&](const torch::Tensor& t) { return t.view({B, T, heads, headDim}).transpose(1, 2); };
  auto q = split(q_proj(x)), k = split(k_proj(x)), v = split(v_proj(x));
  const int64_t past = cache ? cache->length : 0;
  if (cache) std::tie(k, v) = cache->append(layer, k, v);
  const int64_t total = past + T;

  // Local layers see only the last `window` positions (HF: bias XOR tril(bias, -window)).
  c10::optional<torch::Tensor> keep;
  if (local && total > window) {
    auto qpos = torch::arange(past, total, torch::TensorOptions().dtype(torch::kLong).device(x.device())).unsqueeze(1);
    auto kpos = torch::arange(0, total, torch::TensorOptions().dtype(torch::kLong).device(x.device())).unsqueeze(0);
    keep = (kpos <= qpos).logical_and(kpos > qpos - window);
  }
  // GPT-Neo does not scale the scores by 1/sqrt(head_dim) and computes them in float32.
  auto y = compat::attention(q, k, v, keep, /*causal=*/true, /*scale=*/1.0, /*fp32Scores=*/true, attnDropout,
                             is_training());
  y = y.transpose(1, 2).reshape({B, T, heads * headDim});
  y = out_proj(y);
  return is_training() && residDropout > 0 ? F::dropout(y, F::DropoutFuncOptions().p(residDropout).training(true)) : y;
}

GptNeoMlpImpl::GptNeoMlpImpl(const ModelConfig& c) : activation(c.activation), residDropout(c.residDropout) {
  c_fc = register_module("c_fc", Projection(c.hiddenSize, c.intermediateSize, true));
  c_proj = register_module("c_proj", Projection(c.intermediateSize, c.hiddenSize, true));
}

torch::Tensor GptNeoMlpImpl::forward(const torch::Tensor& x) {
  auto h = c_fc(x);
  if (activation == "gelu_new")
    h = 0.5 * h * (1.0 + torch::tanh(std::sqrt(2.0 / M_PI) * (h + 0.044715 * torch::pow(h, 3.0))));
  else if (activation == "gelu")
    h = torch::gelu(h);
  else if (activation == "silu")
    h = torch::silu(h);
  else
    h = torch::relu(h);
  h = c_proj(h);
  return is_training() && residDropout > 0 ? F::dropout(h, F::DropoutFuncOptions().p(residDropout).training(true)) : h;
}

GptNeoBlockImpl::GptNeoBlockImpl(const ModelConfig& c, int layer) {
  ln_1 = register_module("ln_1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps)));
  attention = GptNeoAttention(c, layer);
  attn = register_module("attn", std::make_shared<torch::nn::Module>());
  attn->register_module("attention", attention);
  ln_2 = register_module("ln_2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps)));
  mlp = register_module("mlp", GptNeoMlp(c));
}

torch::Tensor GptNeoBlockImpl::forward(const torch::Tensor& x, KVCache* cache) {
  auto h = x + attention(ln_1(x), cache);
  return h + mlp(ln_2(h));
}

GptNeoForCausalLM::GptNeoForCausalLM(const ModelConfig& c) : CausalLMImpl(c) {
  transformer_ = register_module("transformer", std::make_shared<torch::nn::Module>());
  wte_ = transformer_->register_module("wte", torch::nn::Embedding(c.vocabSize, c.hiddenSize));
  wpe_ = transformer_->register_module("wpe", torch::nn::Embedding(c.maxPositions, c.hiddenSize));
  auto h = transformer_->register_module("h", std::make_shared<torch::nn::Module>());
  for (int i = 0; i < c.numLayers; ++i) blocks_.push_back(h->register_module(std::to_string(i), GptNeoBlock(c, i)));
  lnF_ = transformer_->register_module(
      "ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps)));
  // A tied head reuses wte's weight, so the state dict has no lm_head (as in HF checkpoints).
  if (!c.tieWordEmbeddings)
    lmHead_ = register_module("lm_head",
                              torch::nn::Linear(torch::nn::LinearOptions(c.hiddenSize, c.vocabSize).bias(false)));
}

torch::Tensor GptNeoForCausalLM::hidden(const torch::Tensor& ids, KVCache* cache) {
  const int64_t past = cache ? cache->length : 0, T = ids.size(1);
  TORCH_CHECK(past + T <= config_.maxPositions, "sequence of ", past + T, " tokens exceeds the context window of ",
              config_.maxPositions);
  auto pos = torch::arange(past, past + T, torch::TensorOptions().dtype(torch::kLong).device(ids.device()));
  auto x = wte_(ids) + wpe_(pos).unsqueeze(0);
  if (is_training() && config_.embedDropout > 0)
    x = F::dropout(x, F::DropoutFuncOptions().p(config_.embedDropout).training(true));
  for (auto& block : blocks_) {
    if (cache)
      x = block(x, cache);
    else
      x = runCheckpointed([block](const torch::Tensor& in) mutable { return block(in, nullptr); }, x,
                          checkpointing_ && is_training());
  }
  if (cache) cache->advance(T);
  return lnF_(x);
}

torch::Tensor GptNeoForCausalLM::logitsFromHidden(const torch::Tensor& h) {
  return F::linear(h, lmHead_ ? lmHead_->weight : wte_->weight).to(torch::kFloat);
}

torch::Tensor GptNeoForCausalLM::forward(const torch::Tensor& ids, KVCache* cache) {
  return logitsFromHidden(hidden(ids, cache));
}

void GptNeoForCausalLM::initWeights(uint64_t seed) {
  torch::NoGradGuard guard;
  torch::manual_seed(seed);
  const double std = config_.initializerRange, residStd = std / std::sqrt(2.0 * config_.numLayers);
  for (auto& p : named_parameters()) {
    const auto& name = p.key();
    auto& t = p.value();
    if (name.find("ln_") != std::string::npos) {
      if (name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0)
        t.fill_(1.0);
      else
        t.zero_();
    } else if (name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0) {
      t.zero_();
    } else {
      const bool residual = name.find("out_proj") != std::string::npos || name.find("c_proj") != std::string::npos;
      t.normal_(0.0, residual ? residStd : std);
    }
  }
}

}  // namespace mindllm
