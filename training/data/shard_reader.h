#pragma once
// Reads a split of a pretokenized shard set through memory maps and serves fixed-length training
// windows to data-parallel ranks.
//
// Every shard is cut into windows of T+1 tokens with stride T (inputs are the first T tokens,
// targets the last T, so no token is lost between windows); windows never cross shard files.
// Each epoch visits the windows in a seeded pseudo-random order (a Feistel permutation: no
// memory per window) or in file order. Rank r of N takes positions r, r+N, r+2N, ... of that
// order, so ranks are disjoint and together cover the epoch (the last W mod N windows of an
// epoch are skipped so that all ranks take the same number of steps).
//
// The position is one cursor shared by all ranks (epoch, windows consumed by all ranks in the
// epoch); save it with a checkpoint and seek() to it to resume. It stays valid if the number of
// ranks changes.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/util/json_file.h"
#include "training/data/shard_format.h"

namespace mindllm::data {

// One memory-mapped shard file.
class ShardFile {
public:
  explicit ShardFile(const std::string& path);
  ~ShardFile();
  ShardFile(const ShardFile&) = delete;
  ShardFile& operator=(const ShardFile&) = delete;

  const ShardHeader& header() const { return *header_; }
  uint64_t tokenCount() const { return header_->tokenCount; }
  uint64_t documentCount() const { return header_->docCount; }
  int32_t token(uint64_t i) const;
  void copyTokens(uint64_t begin, uint64_t count, int32_t* out) const;
  // Document i's tokens, including its trailing EOS.
  std::vector<int32_t> document(uint64_t i) const;
  const std::string& path() const { return path_; }

private:
  std::string path_;
  void* map_ = nullptr;
  size_t size_ = 0;
  const ShardHeader* header_ = nullptr;
  const unsigned char* tokens_ = nullptr;
  const uint64_t* index_ = nullptr;
};

struct ShardCursor {
  uint64_t epoch = 0;
  uint64_t consumed = 0;  // windows taken by all ranks together in this epoch
  uint64_t seqLen = 0;
  uint64_t seed = 0;
  std::string fingerprint;  // of the split's data; seek() refuses another data set

  Json toJson() const;
  static ShardCursor fromJson(const Json& j);
};

struct ShardReaderOptions {
  std::string split = "train";
  uint64_t seqLen = 1024;  // T: a window holds T+1 tokens
  int rank = 0;
  int worldSize = 1;
  bool shuffle = true;
  uint64_t seed = 1;
};

class ShardReader {
public:
  ShardReader(const std::string& dir, ShardReaderOptions options);
  ~ShardReader();

  // B windows of T+1 tokens for this rank, row-major [B, T+1]. Wraps into the next epoch.
  std::vector<int32_t> nextBatch(size_t batchSize);
  // The window ids this rank would read next (for tests and diagnostics), without moving.
  std::vector<uint64_t> peekWindows(size_t count) const;
  // The T+1 tokens of window `id` (0 <= id < windowCount()).
  std::vector<int32_t> window(uint64_t id) const;

  ShardCursor position() const;
  void seek(const ShardCursor& cursor);

  uint64_t windowCount() const { return windowTotal_; }
  uint64_t windowsPerEpochPerRank() const { return windowTotal_ / static_cast<uint64_t>(options_.worldSize); }
  uint64_t tokenCount() const { return tokenTotal_; }
  const std::vector<std::unique_ptr<ShardFile>>& shards() const { return shards_; }
  const Json& meta() const { return meta_; }
  int32_t eosId() const { return eosId_; }
  int32_t vocabSize() const { return vocabSize_; }

private:
  uint64_t windowAt(uint64_t epoch, uint64_t position) const;  // position in the epoch's order
  void advance(uint64_t& epoch, uint64_t& consumed) const;

  ShardReaderOptions options_;
  Json meta_;
  std::vector<std::unique_ptr<ShardFile>> shards_;
  std::vector<uint64_t> firstWindow_;  // per shard, prefix sums of window counts
  uint64_t windowTotal_ = 0, tokenTotal_ = 0;
  int32_t eosId_ = -1, vocabSize_ = 0;
  std::string fingerprint_;
  uint64_t epoch_ = 0, consumed_ = 0;
};

// A bijection of [0, n) chosen by `key`: a 4-round Feistel network with cycle walking.
uint64_t permuteIndex(uint64_t x, uint64_t n, uint64_t key);

}  // namespace mindllm::data
