#include "training/trainer/shard_batch_source.h"

#include "core/util/error.h"
#include "training/data/hashing.h"

namespace mindllm::train {

ShardBatchSource::ShardBatchSource(const std::vector<DataSource>& sources, const std::string& split, int64_t seqLen,
                                   bool shuffle, uint64_t seed, int rank, int worldSize)
    : seqLen_(seqLen), seed_(seed) {
  if (sources.empty()) throw Error("no shard folders for split '" + split + "'");
  double total = 0;
  for (const auto& s : sources) total += s.weight;
  double acc = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    data::ShardReaderOptions o;
    o.split = split;
    o.seqLen = static_cast<uint64_t>(seqLen);
    o.rank = rank;
    o.worldSize = worldSize;
    o.shuffle = shuffle;
    o.seed = data::mix64(seed ^ (0x5A17ull + i));  // each source its own order
    readers_.push_back(std::make_unique<data::ShardReader>(sources[i].path, o));
    const Json& meta = readers_.back()->meta();
    info_.push_back({readers_.back()->vocabSize(), readers_.back()->eosId(), meta.value("tokenizer_hash", "")});
    acc += sources[i].weight / total;
    cumulative_.push_back(acc);
    paths_.push_back(sources[i].path);
  }
  cumulative_.back() = 1.0;
}

uint64_t ShardBatchSource::windowCount() const {
  uint64_t n = 0;
  for (const auto& r : readers_) n += r->windowCount();
  return n;
}

size_t ShardBatchSource::pick(uint64_t row) const {
  if (readers_.size() == 1) return 0;
  const uint64_t h = data::mix64(data::mix64(seed_ ^ 0x4D495845ull) ^ data::mix64(microBatches_) ^ row);
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;  // uniform in [0, 1)
  size_t i = 0;
  while (i + 1 < cumulative_.size() && u >= cumulative_[i]) ++i;
  return i;
}

Batch ShardBatchSource::next(int64_t batchSize) {
  const int64_t width = seqLen_ + 1;
  std::vector<size_t> source(static_cast<size_t>(batchSize));
  std::vector<size_t> count(readers_.size(), 0);
  for (int64_t row = 0; row < batchSize; ++row) {
    source[static_cast<size_t>(row)] = pick(static_cast<uint64_t>(row));
    ++count[source[static_cast<size_t>(row)]];
  }
  auto windows = torch::empty({batchSize, width}, torch::kLong);
  auto* out = windows.data_ptr<int64_t>();
  for (size_t s = 0; s < readers_.size(); ++s) {
    if (count[s] == 0) continue;
    const std::vector<int32_t> tokens = readers_[s]->nextBatch(count[s]);
    size_t taken = 0;
    for (int64_t row = 0; row < batchSize; ++row) {
      if (source[static_cast<size_t>(row)] != s) continue;
      const int32_t* w = tokens.data() + taken++ * static_cast<size_t>(width);
      for (int64_t t = 0; t < width; ++t) out[row * width + t] = w[t];
    }
  }
  ++microBatches_;
  return {windows.narrow(1, 0, seqLen_).contiguous(), windows.narrow(1, 1, seqLen_).contiguous()};
}

Json ShardBatchSource::position() const {
  Json cursors = Json::array();
  for (size_t i = 0; i < readers_.size(); ++i)
    cursors.push_back({{"path", paths_[i]}, {"cursor", readers_[i]->position().toJson()}});
  return {{"micro_batches", microBatches_}, {"sources", cursors}};
}

void ShardBatchSource::seek(const Json& position) {
  const Json& cursors = position.at("sources");
  if (cursors.size() != readers_.size())
    throw Error("the saved data position has " + std::to_string(cursors.size()) + " shard folder(s), the config " +
                std::to_string(readers_.size()));
  for (size_t i = 0; i < readers_.size(); ++i) readers_[i]->seek(data::ShardCursor::fromJson(cursors[i].at("cursor")));
  microBatches_ = position.at("micro_batches").get<uint64_t>();
}

}  // namespace mindllm::train
