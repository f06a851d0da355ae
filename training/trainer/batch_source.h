#pragma once
// Where the trainer's token batches come from. Pretraining reads token shards
// (ShardBatchSource); instruction tuning and fine-tuning plug in their own source with a per-token
// loss mask (targets set to kIgnoreIndex are not trained on).
#include <torch/torch.h>

#include <cstdint>

#include "core/util/json_file.h"

namespace mindllm::train {

constexpr int64_t kIgnoreIndex = -100;  // as Hugging Face and torch cross_entropy

struct Batch {
  torch::Tensor inputs;   // [B, T] int64
  torch::Tensor targets;  // [B, T] int64, kIgnoreIndex where the loss is masked
};

class BatchSource {
public:
  virtual ~BatchSource() = default;
  // The next `batchSize` sequences for this rank. Every rank calls it the same number of times.
  virtual Batch next(int64_t batchSize) = 0;
  // The read position (saved with checkpoints) and how to return to it.
  virtual Json position() const = 0;
  virtual void seek(const Json& position) = 0;
};

}  // namespace mindllm::train
