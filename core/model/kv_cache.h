#pragma once
// Per-layer key/value cache, preallocated to the context window so decode steps append in place.
#include <torch/torch.h>

#include <vector>

namespace mindllm {

struct KVCache {
  std::vector<torch::Tensor> keys, values;  // [B, kvHeads, capacity, headDim] per layer
  int64_t length = 0;                       // positions filled so far

  void allocate(int layers, int64_t batch, int64_t kvHeads, int64_t capacity, int64_t headDim,
                const torch::TensorOptions& options);
  bool allocated() const { return !keys.empty(); }
  int64_t capacity() const { return keys.empty() ? 0 : keys[0].size(2); }
  void reset() { length = 0; }

  // Writes this step's k/v at [length, length+T) of `layer` and returns views of [0, length+T).
  // `length` itself advances once per forward pass (advance()), after the last layer.
  std::pair<torch::Tensor, torch::Tensor> append(int layer, const torch::Tensor& k, const torch::Tensor& v);
  void advance(int64_t steps) { length += steps; }
};

}  // namespace mindllm
