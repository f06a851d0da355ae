#include "training/data/shard_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/util/error.h"
#include "training/data/hashing.h"

namespace fs = std::filesystem;

namespace mindllm::data {

uint64_t permuteIndex(uint64_t x, uint64_t n, uint64_t key) {
  if (n <= 1) return 0;
  int bits = 64 - __builtin_clzll(n - 1);
  if (bits < 2) bits = 2;
  if (bits % 2) ++bits;
  const int half = bits / 2;
  const uint64_t mask = (1ull << half) - 1;
  // The network permutes [0, 2^bits); walking the cycle until we land inside [0, n) restricts it
  // to a permutation of [0, n). The domain is < 4n, so few steps are needed on average.
  do {
    uint64_t l = x >> half, r = x & mask;
    for (uint64_t round = 0; round < 4; ++round) {
      const uint64_t f = mix64(r ^ mix64(key + round * 0x9E3779B97F4A7C15ull)) & mask;
      const uint64_t nl = r;
      r = l ^ f;
      l = nl;
    }
    x = (l << half) | r;
  } while (x >= n);
  return x;
}

ShardFile::ShardFile(const std::string& path) : path_(path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw fileError(path, "cannot open shard");
  struct stat st{};
  ::fstat(fd, &st);
  size_ = static_cast<size_t>(st.st_size);
  if (size_ < kShardHeaderBytes) {
    ::close(fd);
    throw fileError(path, "too small to be a token shard");
  }
  map_ = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    throw fileError(path, "cannot memory-map shard");
  }
  header_ = static_cast<const ShardHeader*>(map_);
  if (std::memcmp(header_->magic, kShardMagic, sizeof kShardMagic) != 0) throw fileError(path, "not a token shard (bad magic)");
  if (header_->version != kShardVersion)
    throw fileError(path, "shard version " + std::to_string(header_->version) + " is not supported");
  if (header_->dtypeBytes != 2 && header_->dtypeBytes != 4) throw fileError(path, "bad dtype in shard header");
  const uint64_t tokenEnd = kShardHeaderBytes + header_->tokenCount * header_->dtypeBytes;
  const uint64_t indexEnd = header_->indexOffset + (header_->docCount + 1) * sizeof(uint64_t);
  if (tokenEnd > header_->indexOffset || indexEnd > size_ || header_->indexOffset % 8)
    throw fileError(path, "truncated or inconsistent shard (header says " + std::to_string(header_->tokenCount) +
                              " tokens, " + std::to_string(header_->docCount) + " documents)");
  tokens_ = static_cast<const unsigned char*>(map_) + kShardHeaderBytes;
  index_ = reinterpret_cast<const uint64_t*>(static_cast<const unsigned char*>(map_) + header_->indexOffset);
  ::madvise(map_, size_, MADV_RANDOM);  // windows are read in shuffled order
}

ShardFile::~ShardFile() {
  if (map_) ::munmap(map_, size_);
}

int32_t ShardFile::token(uint64_t i) const {
  if (header_->dtypeBytes == 2) {
    uint16_t v;
    std::memcpy(&v, tokens_ + i * 2, 2);
    return v;
  }
  uint32_t v;
  std::memcpy(&v, tokens_ + i * 4, 4);
  return static_cast<int32_t>(v);
}

void ShardFile::copyTokens(uint64_t begin, uint64_t count, int32_t* out) const {
  if (begin + count > header_->tokenCount) throw fileError(path_, "token range out of bounds");
  if (header_->dtypeBytes == 2) {
    const auto* p = reinterpret_cast<const uint16_t*>(tokens_) + begin;
    for (uint64_t i = 0; i < count; ++i) out[i] = p[i];
  } else {
    const auto* p = reinterpret_cast<const uint32_t*>(tokens_) + begin;
    for (uint64_t i = 0; i < count; ++i) out[i] = static_cast<int32_t>(p[i]);
  }
}

std::vector<int32_t> ShardFile::document(uint64_t i) const {
  if (i >= header_->docCount) throw fileError(path_, "document " + std::to_string(i) + " out of range");
  const uint64_t b = index_[i], e = index_[i + 1];
  if (b > e || e > header_->tokenCount) throw fileError(path_, "corrupt document index at " + std::to_string(i));
  std::vector<int32_t> out(e - b);
  copyTokens(b, e - b, out.data());
  return out;
}

Json ShardCursor::toJson() const {
  return {{"epoch", epoch}, {"consumed", consumed}, {"seq_len", seqLen}, {"seed", seed}, {"fingerprint", fingerprint}};
}

ShardCursor ShardCursor::fromJson(const Json& j) {
  ShardCursor c;
  const std::string where = "data cursor";
  c.epoch = static_cast<uint64_t>(requireField<long>(j, "epoch", where));
  c.consumed = static_cast<uint64_t>(requireField<long>(j, "consumed", where));
  c.seqLen = static_cast<uint64_t>(requireField<long>(j, "seq_len", where));
  c.seed = static_cast<uint64_t>(requireField<long>(j, "seed", where));
  c.fingerprint = requireField<std::string>(j, "fingerprint", where);
  return c;
}

ShardReader::ShardReader(const std::string& dir, ShardReaderOptions options) : options_(std::move(options)) {
  if (options_.seqLen < 1) throw Error("shard reader: seq_len must be >= 1");
  if (options_.worldSize < 1 || options_.rank < 0 || options_.rank >= options_.worldSize)
    throw Error("shard reader: rank " + std::to_string(options_.rank) + " is not in [0, " +
                std::to_string(options_.worldSize) + ")");
  const std::string metaPath = (fs::path(dir) / "meta.json").string();
  meta_ = readJsonFile(metaPath);
  if (meta_.value("format", "") != "mindllm-token-shards") throw fileError(metaPath, "not a MindLLM token shard set");
  vocabSize_ = requireField<int>(meta_, "vocab_size", metaPath);
  eosId_ = requireField<int>(meta_, "eos_id", metaPath);
  const Json& splits = meta_.at("splits");
  auto split = splits.find(options_.split);
  if (split == splits.end()) throw fileError(metaPath, "no split '" + options_.split + "'");
  uint64_t fp = hash64(meta_.value("tokenizer_hash", ""));
  for (const Json& s : split->at("shards")) {
    const std::string file = requireField<std::string>(s, "file", metaPath + ": shards");
    auto shard = std::make_unique<ShardFile>((fs::path(dir) / file).string());
    const uint64_t expected = static_cast<uint64_t>(requireField<long>(s, "tokens", metaPath + ": shards"));
    if (shard->tokenCount() != expected)
      throw fileError(shard->path(), "has " + std::to_string(shard->tokenCount()) + " tokens, meta.json says " +
                                         std::to_string(expected));
    if (static_cast<int32_t>(shard->header().vocabSize) != vocabSize_)
      throw fileError(shard->path(), "vocabulary size differs from meta.json");
    firstWindow_.push_back(windowTotal_);
    const uint64_t n = shard->tokenCount();
    windowTotal_ += n > options_.seqLen ? (n - 1) / options_.seqLen : 0;
    tokenTotal_ += n;
    fp = mix64(fp ^ hash64(file) ^ n);
    shards_.push_back(std::move(shard));
  }
  firstWindow_.push_back(windowTotal_);
  if (windowTotal_ < static_cast<uint64_t>(options_.worldSize))
    throw fileError(dir, "split '" + options_.split + "' has " + std::to_string(windowTotal_) + " windows of " +
                             std::to_string(options_.seqLen + 1) + " tokens, fewer than the " +
                             std::to_string(options_.worldSize) + " ranks");
  fingerprint_ = hexHash(mix64(fp ^ options_.seqLen));
}

ShardReader::~ShardReader() = default;

uint64_t ShardReader::windowAt(uint64_t epoch, uint64_t position) const {
  if (!options_.shuffle) return position;
  return permuteIndex(position, windowTotal_, mix64(options_.seed) ^ mix64(epoch + 0x5EED));
}

void ShardReader::advance(uint64_t& epoch, uint64_t& consumed) const {
  const uint64_t n = static_cast<uint64_t>(options_.worldSize);
  consumed += n;
  if (consumed + n > windowTotal_) {  // the tail W mod N is skipped to keep ranks in lockstep
    ++epoch;
    consumed = 0;
  }
}

std::vector<uint64_t> ShardReader::peekWindows(size_t count) const {
  std::vector<uint64_t> ids;
  uint64_t epoch = epoch_, consumed = consumed_;
  for (size_t i = 0; i < count; ++i) {
    ids.push_back(windowAt(epoch, consumed + static_cast<uint64_t>(options_.rank)));
    advance(epoch, consumed);
  }
  return ids;
}

std::vector<int32_t> ShardReader::window(uint64_t id) const {
  if (id >= windowTotal_) throw Error("shard reader: window " + std::to_string(id) + " out of range");
  const size_t shard = static_cast<size_t>(std::upper_bound(firstWindow_.begin(), firstWindow_.end(), id) -
                                           firstWindow_.begin() - 1);
  const uint64_t start = (id - firstWindow_[shard]) * options_.seqLen;
  std::vector<int32_t> out(options_.seqLen + 1);
  shards_[shard]->copyTokens(start, options_.seqLen + 1, out.data());
  return out;
}

std::vector<int32_t> ShardReader::nextBatch(size_t batchSize) {
  std::vector<int32_t> out;
  out.reserve(batchSize * (options_.seqLen + 1));
  for (uint64_t id : peekWindows(batchSize)) {
    const std::vector<int32_t> w = window(id);
    out.insert(out.end(), w.begin(), w.end());
  }
  for (size_t i = 0; i < batchSize; ++i) advance(epoch_, consumed_);
  return out;
}

ShardCursor ShardReader::position() const {
  return ShardCursor{epoch_, consumed_, options_.seqLen, options_.seed, fingerprint_};
}

void ShardReader::seek(const ShardCursor& c) {
  if (c.fingerprint != fingerprint_ || c.seqLen != options_.seqLen)
    throw Error("shard reader: the saved data position belongs to another data set or sequence length (cursor " +
                c.fingerprint + ", seq_len " + std::to_string(c.seqLen) + "; this reader " + fingerprint_ +
                ", seq_len " + std::to_string(options_.seqLen) + ")");
  if (c.seed != options_.seed) throw Error("shard reader: the saved data position used shuffle seed " +
                                           std::to_string(c.seed) + ", this reader " + std::to_string(options_.seed));
  epoch_ = c.epoch;
  // With a different world size the consumed count is rounded down to a whole step, so that a
  // few windows may be seen twice but none is skipped.
  const uint64_t n = static_cast<uint64_t>(options_.worldSize);
  consumed_ = c.consumed / n * n;
  if (consumed_ + n > windowTotal_) {
    ++epoch_;
    consumed_ = 0;
  }
}

}  // namespace mindllm::data
