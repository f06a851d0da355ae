#include "training/sft/training_sequences.h"

#include "training/trainer/batch_source.h"

namespace mindllm::sft {
namespace {

constexpr size_t kOpenSequences = 16;  // how far back packing looks for room

struct Row {
  std::vector<int64_t> inputs, targets;
};

}  // namespace

TrainingSequences buildTrainingSequences(const std::vector<EncodedExample>& examples, int64_t seqLen, bool pack,
                                         TokenId padId) {
  TrainingSequences out;
  std::vector<Row> rows;
  size_t firstOpen = 0;  // rows before this one are closed to packing
  for (const EncodedExample& e : examples) {
    // An example takes as many positions as it has tokens; position t predicts token t + 1 of
    // the same example, so its last position (and padding) has no target.
    if (e.ids.size() < 2) {
      ++out.dropped;
      continue;
    }
    int64_t length = static_cast<int64_t>(e.ids.size());
    if (length > seqLen) {
      length = seqLen;
      ++out.truncated;
    }
    Row piece;
    int64_t trained = 0;
    for (int64_t t = 0; t < length; ++t) {
      const bool learn = t + 1 < length && e.trained[static_cast<size_t>(t + 1)] != 0;
      piece.inputs.push_back(e.ids[static_cast<size_t>(t)]);
      piece.targets.push_back(learn ? e.ids[static_cast<size_t>(t + 1)] : train::kIgnoreIndex);
      trained += learn;
    }
    if (trained == 0) {
      ++out.dropped;
      continue;
    }
    out.trainedTokens += trained;
    ++out.examples;
    Row* target = nullptr;
    if (pack)
      for (size_t r = firstOpen; r < rows.size() && !target; ++r)
        if (static_cast<int64_t>(rows[r].inputs.size()) + length <= seqLen) target = &rows[r];
    if (!target) {
      rows.emplace_back();
      target = &rows.back();
      if (rows.size() - firstOpen > kOpenSequences) ++firstOpen;
    }
    target->inputs.insert(target->inputs.end(), piece.inputs.begin(), piece.inputs.end());
    target->targets.insert(target->targets.end(), piece.targets.begin(), piece.targets.end());
  }
  const auto n = static_cast<int64_t>(rows.size());
  out.inputs = torch::full({n, seqLen}, static_cast<int64_t>(padId), torch::kLong);
  out.targets = torch::full({n, seqLen}, train::kIgnoreIndex, torch::kLong);
  for (int64_t r = 0; r < n; ++r) {
    const Row& row = rows[static_cast<size_t>(r)];
    const auto len = static_cast<int64_t>(row.inputs.size());
    out.inputs[r].narrow(0, 0, len).copy_(torch::tensor(row.inputs, torch::kLong));
    out.targets[r].narrow(0, 0, len).copy_(torch::tensor(row.targets, torch::kLong));
  }
  return out;
}

}  // namespace mindllm::sft
