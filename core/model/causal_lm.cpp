#include "core/model/causal_lm.h"

#include "core/model/gpt_neo.h"
#include "core/model/llama.h"
#include "core/util/error.h"

namespace mindllm {

void KVCache::allocate(int layers, int64_t batch, int64_t kvHeads, int64_t capacity, int64_t headDim,
                       const torch::TensorOptions& options) {
  keys.clear();
  values.clear();
  for (int i = 0; i < layers; ++i) {
    keys.push_back(torch::empty({batch, kvHeads, capacity, headDim}, options));
    values.push_back(torch::empty({batch, kvHeads, capacity, headDim}, options));
  }
  length = 0;
}

std::pair<torch::Tensor, torch::Tensor> KVCache::append(int layer, const torch::Tensor& k, const torch::Tensor& v) {
  const int64_t T = k.size(2);
  auto& K = keys[static_cast<size_t>(layer)];
  auto& V = values[static_cast<size_t>(layer)];
  TORCH_CHECK(length + T <= K.size(2), "KV cache overflow: ", length + T, " > capacity ", K.size(2));
  K.narrow(2, length, T).copy_(k);
  V.narrow(2, length, T).copy_(v);
  return {K.narrow(2, 0, length + T), V.narrow(2, 0, length + T)};
}

KVCache CausalLMImpl::makeCache(int64_t batch, int64_t capacity) const {
  KVCache cache;
  auto params = const_cast<CausalLMImpl*>(this)->parameters();
  const auto options = params.empty() ? torch::TensorOptions() : params.front().options();
  cache.allocate(config_.numLayers, batch, config_.numKvHeads, std::min<int64_t>(capacity, config_.maxPositions),
                 config_.headDim, options.requires_grad(false));
  return cache;
}

CausalLM createCausalLM(const ModelConfig& config) {
  config.validate();
  if (config.layout == Layout::GptNeo) return std::make_shared<GptNeoForCausalLM>(config);
  return std::make_shared<LlamaForCausalLM>(config);
}

namespace {

// Activation checkpointing as an autograd function: forward runs without saving the block's
// activations; backward runs the block again with grad on and back-propagates through it.
// Parameter gradients accumulate during that inner backward pass.
struct CheckpointFunction : public torch::autograd::Function<CheckpointFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                               const std::function<torch::Tensor(const torch::Tensor&)>* block) {
    ctx->saved_data["block"] = reinterpret_cast<int64_t>(block);
    ctx->save_for_backward({x});
    torch::NoGradGuard noGrad;
    return (*block)(x);
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list gradOut) {
    auto x = ctx->get_saved_variables()[0].detach().requires_grad_(true);
    auto* block = reinterpret_cast<const std::function<torch::Tensor(const torch::Tensor&)>*>(
        ctx->saved_data["block"].toInt());
    torch::Tensor y;
    {
      torch::AutoGradMode enable(true);
      y = (*block)(x);
    }
    torch::autograd::backward({y}, {gradOut[0]});
    return {x.grad(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor runCheckpointed(const std::function<torch::Tensor(const torch::Tensor&)>& block, const torch::Tensor& x,
                              bool checkpoint) {
  if (!checkpoint || !torch::GradMode::is_enabled()) return block(x);
  // The block closure must outlive backward: keep a heap copy owned by the graph via a shared_ptr
  // captured in a no-op hook on the output.
  auto owned = std::make_shared<std::function<torch::Tensor(const torch::Tensor&)>>(block);
  auto y = CheckpointFunction::apply(x, owned.get());
  y.register_hook([owned](torch::Tensor g) { return g; });
  return y;
}

}  // namespace mindllm
