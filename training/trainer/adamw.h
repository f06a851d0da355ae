#pragma once
// AdamW (Loshchilov & Hutter) with decoupled weight decay, applied only to matrices and
// embeddings: norms and biases (1-D tensors) are not decayed. Written here rather than taken from
// torch::optim because the trainer needs the state by parameter name (checkpoints that a
// different number of ranks can read), optimizer-state sharding (ZeRO stage 1: a rank keeps state
// for, and updates, only the parameters it owns) and an exact, versioned checkpoint format.
// The arithmetic is torch.optim.AdamW's (foreach form).
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/io/safetensors.h"

namespace mindllm::train {

struct AdamWOptions {
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8, weightDecay = 0.1;
};

// Norms and biases are not decayed (1-D tensors), matrices and embeddings are.
bool isDecayed(const torch::Tensor& param);

class AdamW {
public:
  struct Slot {
    std::string name;
    torch::Tensor param;
    bool decay = true;
    int owner = 0;  // rank that keeps the state and updates this parameter
    torch::Tensor expAvg, expAvgSq;  // only on the owner
  };

  // `owners[i]` is the rank that updates parameter i: without sharding every entry is `rank`.
  AdamW(const std::vector<std::pair<std::string, torch::Tensor>>& params, AdamWOptions options,
        const std::vector<int>& owners, int rank);

  // One update of the owned parameters from their .grad() (parameters without a gradient are skipped).
  void step(double lr);

  int64_t stepCount() const { return step_; }
  std::vector<Slot>& slots() { return slots_; }
  const std::vector<Slot>& slots() const { return slots_; }

  // State tensors of the owned slots, named "exp_avg.<param>" / "exp_avg_sq.<param>".
  std::vector<NamedTensor> ownedState() const;
  // Loads the owned slots' state from a full state map; `where` names the file in errors.
  void loadState(const TensorMap& state, int64_t step, const std::string& where);

private:
  AdamWOptions options_;
  std::vector<Slot> slots_;
  int rank_ = 0;
  int64_t step_ = 0;
};

// Assigns parameters to ranks so that each owns about the same number of elements (greedy, in
// parameter order: the same answer on every rank).
std::vector<int> balanceOwners(const std::vector<torch::Tensor>& params, int worldSize);

}  // namespace mindllm::train
