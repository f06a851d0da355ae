#pragma once
// Training batches from one or more token shard sets (mindllm-cli pretokenize), mixed by weight.
//
// Each sequence of a micro-batch picks its shard set from a seeded hash of (micro-batch number,
// row), so every rank makes the same picks, calls each ShardReader the same number of times, and
// the readers' shared cursors stay valid. The position is the micro-batch counter plus each
// reader's cursor. With one shard set the global batch is the same for any number of ranks
// (rank r takes windows r, r+N, ...); with a mixture the picks depend on the micro-batch size.
#include <memory>
#include <string>
#include <vector>

#include "training/data/shard_reader.h"
#include "training/trainer/batch_source.h"
#include "training/trainer/run_config.h"

namespace mindllm::train {

struct ShardSetInfo {
  int32_t vocabSize = 0;
  int32_t eosId = -1;
  std::string tokenizerHash;  // hex, as meta.json records it
};

class ShardBatchSource : public BatchSource {
public:
  ShardBatchSource(const std::vector<DataSource>& sources, const std::string& split, int64_t seqLen, bool shuffle,
                   uint64_t seed, int rank, int worldSize);

  Batch next(int64_t batchSize) override;
  Json position() const override;
  void seek(const Json& position) override;

  const std::vector<ShardSetInfo>& info() const { return info_; }
  uint64_t windowCount() const;  // over all sources

private:
  size_t pick(uint64_t row) const;
  std::vector<std::unique_ptr<data::ShardReader>> readers_;
  std::vector<ShardSetInfo> info_;
  std::vector<double> cumulative_;  // normalised cumulative weights
  std::vector<std::string> paths_;
  int64_t seqLen_;
  uint64_t seed_;
  uint64_t microBatches_ = 0;
};

}  // namespace mindllm::train
