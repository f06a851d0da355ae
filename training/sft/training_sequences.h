#pragma once
// Encoded examples laid out as fixed-length training sequences: inputs [N, T] and targets [N, T].
// An example's tokens are inputs; the target of a position is the example's next token where that
// is a reply token, kIgnoreIndex elsewhere (prompt, the example's last position, padding).
//
// With packing, several short examples share a sequence (each keeps its own targets; nothing is
// learned across an example boundary, though attention can see the previous example, as in the
// usual packed SFT). An example goes into the first of the most recent open sequences it fits in,
// so the layout is deterministic and mostly keeps data order. Without packing each example has
// its own padded sequence. An example longer than the sequence is cut to it; one left without
// any reply token is dropped (both counted).
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/tokenizer/tokenizer.h"
#include "training/sft/example_encoder.h"

namespace mindllm::sft {

struct TrainingSequences {
  torch::Tensor inputs, targets;  // [N, T] int64
  int64_t examples = 0;           // examples placed
  int64_t truncated = 0, dropped = 0;
  int64_t trainedTokens = 0;      // targets that are not ignored
  int64_t count() const { return inputs.defined() ? inputs.size(0) : 0; }
};

TrainingSequences buildTrainingSequences(const std::vector<EncodedExample>& examples, int64_t seqLen, bool pack,
                                         TokenId padId);

}  // namespace mindllm::sft
