#pragma once
// The linear projections of both layouts (attention q/k/v/o, the MLP), as one module that can
// carry a low-rank adapter (LoRA, Hu et al. 2021): y = x W^T + b + scale * B(A(dropout(x))).
//
// The base registers "weight" and "bias" exactly as torch::nn::Linear does, so Hugging Face
// state-dict names and existing checkpoints are unchanged. An adapter registers "lora_A.weight"
// [rank, in] and "lora_B.weight" [out, rank] under the projection (PEFT's names), only while it
// is attached; without one, forward is the same single F::linear call as torch::nn::Linear.
#include <torch/torch.h>

namespace mindllm {

struct LowRankAdapterOptions {
  int64_t rank = 8;
  double alpha = 16;    // scale = alpha / rank
  double dropout = 0;   // on the adapter's input only, in training mode
};

class ProjectionImpl : public torch::nn::Module {
public:
  ProjectionImpl(int64_t in, int64_t out, bool bias);

  torch::Tensor forward(const torch::Tensor& x);

  // Adds an adapter: A ~ kaiming-uniform (as PEFT), B = 0, so the output is unchanged until trained.
  void attachAdapter(const LowRankAdapterOptions& options);
  // Folds the adapter into the base weight (W += scale * B A) and removes it.
  void mergeAdapter();
  // Removes the adapter without folding it in.
  void detachAdapter();
  bool hasAdapter() const { return loraA.defined(); }
  double adapterScale() const { return scale_; }
  const LowRankAdapterOptions& adapterOptions() const { return adapter_; }

  int64_t inFeatures() const { return in_; }
  int64_t outFeatures() const { return out_; }

  torch::Tensor weight, bias;    // bias undefined when the projection has none
  torch::Tensor loraA, loraB;    // undefined without an adapter

private:
  int64_t in_, out_;
  LowRankAdapterOptions adapter_;
  double scale_ = 0;
  std::shared_ptr<torch::nn::Module> aHolder_, bHolder_;
};
TORCH_MODULE(Projection);

}  // namespace mindllm
