#include "core/model/llama.h"

#include "core/compat/torch_compat.h"

namespace mindllm {

namespace F = torch::nn::functional;

RmsNormImpl::RmsNormImpl(int64_t dim, double epsilon) : eps(epsilon) {
  weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x) {
  // As HF: normalise in float32, cast back, then scale.
  auto xf = x.to(torch::kFloat);
  xf = xf * torch::rsqrt(xf.pow(2).mean(-1, /*keepdim=*/true) + eps);
  return weight * xf.to(x.scalar_type());
}

void RotaryTables::build(int64_t maxPositions, int64_t headDim, double theta, const torch::Device& device) {
  auto opts = torch::TensorOptions().dtype(torch::kFloat).device(device);
  // inv_freq = 1 / theta^(2i/d), computed as HF does (int64 arange, then float).
  auto invFreq = 1.0 / torch::pow(theta, torch::arange(0, headDim, 2, opts.dtype(torch::kLong)).to(opts) / headDim);
  auto freqs = torch::outer(torch::arange(maxPositions, opts.dtype(torch::kLong)).to(opts), invFreq);
  auto emb = torch::cat({freqs, freqs}, -1);
  cos = emb.cos();
  sin = emb.sin();
}

namespace {

torch::Tensor rotateHalf(const torch::Tensor& x) {
  const auto half = x.size(-1) / 2;
  return torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  return x * cos + rotateHalf(x) * sin;
}

}  // namespace

LlamaAttentionImpl::LlamaAttentionImpl(const ModelConfig& c, int layerIndex)
    : layer(layerIndex), heads(c.numHeads), kvHeads(c.numKvHeads), headDim(c.headDim), dropout(c.attentionDropout) {
  const int h = c.hiddenSize;
  auto lin = [&](int in, int out) { return Projection(in, out, c.attentionBias); };
  q_proj = register_module("q_proj", lin(h, heads * headDim));
  k_proj = register_module("k_proj", lin(h, kvHeads * headDim));
  v_proj = register_module("v_proj", lin(h, kvHeads * headDim));
  o_proj = register_module("o_proj", lin(heads * headDim, h));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                          KVCache* cache) {
  const auto B = x.size(0), T = x.size(1);
  auto q = q_proj(x).view({B, T, heads, headDim}).transpose(1, 2);
  auto k = k_proj(x).view({B, T, kvHeads, headDim}).transpose(1, 2);
  auto v = v_proj(x).view({B, T, kvHeads, headDim}).transpose(1, 2);
  q = applyRope(q, cos, sin).to(x.scalar_type());
  k = applyRope(k, cos, sin).to(x.scalar_type());
  if (cache) std::tie(k, v) = cache->append(layer, k, v);
  if (kvHeads != heads) {  // grouped-query attention: each kv head serves heads/kvHeads query heads
    k = k.repeat_interleave(heads / kvHeads, 1);
    v = v.repeat_interleave(heads / kvHeads, 1);
  }
  auto y = compat::attention(q, k, v, c10::nullopt, /*causal=*/true, 1.0 / std::sqrt(static_cast<double>(headDim)),
                             /*fp32Scores=*/false, dropout, is_training());
  return o_proj(y.transpose(1, 2).reshape({B, T, heads * headDim}));
}

LlamaMlpImpl::LlamaMlpImpl(const ModelConfig& c) {
  auto lin = [&](int in, int out) { return Projection(in, out, c.mlpBias); };
  gate_proj = register_module("gate_proj", lin(c.hiddenSize, c.intermediateSize));
  up_proj = register_module("up_proj", lin(c.hiddenSize, c.intermediateSize));
  down_proj = register_module("down_proj", lin(c.intermediateSize, c.hiddenSize));
}

torch::Tensor LlamaMlpImpl::forward(const torch::Tensor& x) { return down_proj(torch::silu(gate_proj(x)) * up_proj(x)); }

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const ModelConfig& c, int layer) {
  self_attn = register_module("self_attn", LlamaAttention(c, layer));
  mlp = register_module("mlp", LlamaMlp(c));
  input_layernorm = register_module("input_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
  post_attention_layernorm = register_module("post_attention_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                             KVCache* cache) {
  auto h = x + self_attn(input_layernorm(x), cos, sin, cache);
  return h + mlp(post_attention_layernorm(h));
}

LlamaForCausalLM::LlamaForCausalLM(const ModelConfig& c) : CausalLMImpl(c) {
  model_ = register_module("model", std::make_shared<torch::nn::Module>());
  embedTokens_ = model_->register_module("embed_tokens", torch::nn::Embedding(c.vocabSize, c.hiddenSize));
  auto layers = model_->register_module("layers", std::make_shared<torch::nn::Module>());
  for (int i = 0; i < c.numLayers; ++i)
    layers_.push_back(layers->register_module(std::to_string(i), LlamaDecoderLayer(c, i)));
  norm_ = model_->register_module("norm", RmsNorm(c.hiddenSize, c.rmsNormEps));
  if (!c.tieWordEmbeddings)
    lmHead_ = register_module("lm_head",
                              torch::nn::Linear(torch::nn::LinearOptions(c.hiddenSize, c.vocabSize).bias(false)));
}

torch::Tensor LlamaForCausalLM::hidden(const torch::Tensor& ids, KVCache* cache) {
  const int64_t past = cache ? cache->length : 0, T = ids.size(1);
  TORCH_CHECK(past + T <= config_.maxPositions, "sequence of ", past + T, " tokens exceeds the context window of ",
              config_.maxPositions);
  if (!rope_.cos.defined() || rope_.cos.device() != ids.device())
    rope_.build(config_.maxPositions, config_.headDim, config_.ropeTheta, ids.device());
  auto x = embedTokens_(ids);
  // cos/sin for these positions, in the activations' dtype as HF casts them.
  auto cos = rope_.cos.narrow(0, past, T).to(x.scalar_type());
  auto sin = rope_.sin.narrow(0, past, T).to(x.scalar_type());
  for (auto& layer : layers_) {
    if (cache)
      x = layer(x, cos, sin, cache);
    else
      x = runCheckpointed([layer, cos, sin](const torch::Tensor& in) mutable { return layer(in, cos, sin, nullptr); }, x,
                          checkpointing_ && is_training());
  }
  if (cache) cache->advance(T);
  return norm_(x);
}

torch::Tensor LlamaForCausalLM::logitsFromHidden(const torch::Tensor& h) {
  return F::linear(h, lmHead_ ? lmHead_->weight : embedTokens_->weight).to(torch::kFloat);
}

torch::Tensor LlamaForCausalLM::forward(const torch::Tensor& ids, KVCache* cache) {
  return logitsFromHidden(hidden(ids, cache));
}

void LlamaForCausalLM::initWeights(uint64_t seed) {
  torch::NoGradGuard guard;
  torch::manual_seed(seed);
  const double std = config_.initializerRange, residStd = std / std::sqrt(2.0 * config_.numLayers);
  for (auto& p : named_parameters()) {
    const auto& name = p.key();
    auto& t = p.value();
    if (name.find("norm") != std::string::npos)
      t.fill_(1.0);
    else if (name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0)
      t.zero_();
    else {
      const bool residual = name.find("o_proj") != std::string::npos || name.find("down_proj") != std::string::npos;
      t.normal_(0.0, residual ? residStd : std);
    }
  }
}

}  // namespace mindllm
