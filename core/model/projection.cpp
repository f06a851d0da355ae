#include "core/model/projection.h"

#include <cmath>

namespace mindllm {

namespace F = torch::nn::functional;

ProjectionImpl::ProjectionImpl(int64_t in, int64_t out, bool withBias) : in_(in), out_(out) {
  weight = register_parameter("weight", torch::empty({out, in}));
  if (withBias) bias = register_parameter("bias", torch::empty({out}));
  // torch::nn::Linear's initialisation, so models draw the same numbers as before this module.
  torch::NoGradGuard noGrad;
  torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (withBias) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    torch::nn::init::uniform_(bias, -bound, bound);
  }
}

torch::Tensor ProjectionImpl::forward(const torch::Tensor& x) {
  auto y = F::linear(x, weight, bias);
  if (!loraA.defined()) return y;
  auto h = x;
  if (is_training() && adapter_.dropout > 0) h = F::dropout(h, F::DropoutFuncOptions().p(adapter_.dropout).training(true));
  return y + F::linear(F::linear(h, loraA), loraB) * scale_;
}

void ProjectionImpl::attachAdapter(const LowRankAdapterOptions& options) {
  TORCH_CHECK(options.rank > 0, "LoRA rank must be positive, got ", options.rank);
  detachAdapter();
  adapter_ = options;
  scale_ = options.alpha / static_cast<double>(options.rank);
  const auto opts = weight.options().requires_grad(false);
  // Registered under sub-modules so the names are "<path>.lora_A.weight" as PEFT writes them.
  aHolder_ = register_module("lora_A", std::make_shared<torch::nn::Module>());
  bHolder_ = register_module("lora_B", std::make_shared<torch::nn::Module>());
  auto a = torch::empty({options.rank, in_}, opts.dtype(torch::kFloat));
  {
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_uniform_(a, std::sqrt(5.0));
  }
  loraA = aHolder_->register_parameter("weight", a.to(weight.scalar_type()));
  loraB = bHolder_->register_parameter("weight", torch::zeros({out_, options.rank}, opts));
}

void ProjectionImpl::mergeAdapter() {
  if (!loraA.defined()) return;
  {
    torch::NoGradGuard noGrad;
    const auto delta = torch::matmul(loraB.to(torch::kFloat), loraA.to(torch::kFloat)) * scale_;
    weight.add_(delta.to(weight.scalar_type()));
  }
  detachAdapter();
}

void ProjectionImpl::detachAdapter() {
  if (!loraA.defined()) return;
  unregister_module("lora_A");
  unregister_module("lora_B");
  aHolder_.reset();
  bHolder_.reset();
  loraA = torch::Tensor();
  loraB = torch::Tensor();
  scale_ = 0;
}

}  // namespace mindllm
