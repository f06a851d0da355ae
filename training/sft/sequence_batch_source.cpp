#include "training/sft/sequence_batch_source.h"

#include <numeric>
#include <random>

#include "core/util/error.h"
#include "training/data/hashing.h"

namespace mindllm::sft {

SequenceBatchSource::SequenceBatchSource(TrainingSequences sequences, bool shuffle, bool cycle, uint64_t seed,
                                         int rank, int worldSize)
    : sequences_(std::move(sequences)), shuffle_(shuffle), cycle_(cycle), seed_(seed), rank_(rank),
      worldSize_(worldSize) {
  if (sequences_.count() == 0) throw Error("no training sequences (every example was empty or dropped)");
}

int64_t SequenceBatchSource::sequenceAt(int64_t ordinal) {
  const int64_t n = sequences_.count();
  if (!cycle_ && ordinal >= n) return -1;
  const int64_t epoch = ordinal / n, k = ordinal % n;
  if (!shuffle_) return k;
  if (epoch != permutationEpoch_) {
    // Fisher-Yates with a fixed generator: the same order on every platform and library version.
    permutation_.resize(static_cast<size_t>(n));
    std::iota(permutation_.begin(), permutation_.end(), 0);
    std::mt19937_64 rng(data::mix64(seed_ * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(epoch)));
    for (int64_t i = n - 1; i > 0; --i) {
      const auto j = static_cast<int64_t>(rng() % static_cast<uint64_t>(i + 1));
      std::swap(permutation_[static_cast<size_t>(i)], permutation_[static_cast<size_t>(j)]);
    }
    permutationEpoch_ = epoch;
  }
  return permutation_[static_cast<size_t>(k)];
}

train::Batch SequenceBatchSource::next(int64_t batchSize) {
  std::vector<int64_t> rows;
  int64_t missing = 0;
  for (int64_t i = 0; i < batchSize; ++i) {
    const int64_t row = sequenceAt(cursor_ + i * worldSize_ + rank_);
    if (row < 0)
      ++missing;
    else
      rows.push_back(row);
  }
  cursor_ += batchSize * worldSize_;
  const auto index = torch::tensor(rows, torch::kLong);
  train::Batch b{sequences_.inputs.index_select(0, index), sequences_.targets.index_select(0, index)};
  if (missing > 0) {
    const int64_t T = sequences_.inputs.size(1);
    b.inputs = torch::cat({b.inputs, torch::zeros({missing, T}, torch::kLong)});
    b.targets = torch::cat({b.targets, torch::full({missing, T}, train::kIgnoreIndex, torch::kLong)});
  }
  return b;
}

Json SequenceBatchSource::position() const { return {{"sequences_read", cursor_}, {"sequences", sequences_.count()}}; }

void SequenceBatchSource::seek(const Json& position) {
  const int64_t count = position.at("sequences").get<int64_t>();
  if (count != sequences_.count())
    throw Error("the checkpoint was made with " + std::to_string(count) + " training sequences, the data now gives " +
                std::to_string(sequences_.count()) +
                ": the dataset, seq_len or packing changed (start a new output_dir, or restore them)");
  cursor_ = position.at("sequences_read").get<int64_t>();
}

}  // namespace mindllm::sft
