#pragma once
// Pretokenization: encodes documents (on a worker pool), appends EOS after each, splits them into
// train and validation by a hash of the text (stable whatever the order or thread count),
// shuffles document order within a buffer with a seed, and writes fixed-size shards plus
// meta.json. The output folder is built beside the target and swapped in atomically.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/json_file.h"
#include "training/data/document_reader.h"

namespace mindllm::data {

struct TokenizerInfo {
  std::function<std::vector<int32_t>(std::string_view)> encode;  // must be thread-safe
  int32_t vocabSize = 0;
  int32_t eosId = -1;
  uint64_t hash = 0;
  std::string name;  // e.g. the tokenizer folder, recorded in meta.json
};

struct PretokenizeOptions {
  double valFraction = 0.01;
  uint64_t seed = 1;
  uint64_t shardTokens = 1ull << 28;  // tokens per shard file before a new one starts
  size_t shuffleBuffer = 65536;       // documents shuffled together; 1 keeps input order
  int threads = 2;
  bool progress = false;
};

// A shard set written incrementally; finish() writes meta.json and moves the folder into place.
class ShardSetWriter {
public:
  ShardSetWriter(std::string outputDir, const TokenizerInfo& tokenizer, PretokenizeOptions options);
  ~ShardSetWriter();
  ShardSetWriter(const ShardSetWriter&) = delete;
  ShardSetWriter& operator=(const ShardSetWriter&) = delete;

  // Adds one document's tokens (without EOS) to a split ("train" or "val").
  void add(const std::string& split, const std::vector<int32_t>& tokens);
  Json finish();

private:
  struct Split;
  void flushShard(Split& s);
  std::string outputDir_, stagingDir_;
  TokenizerInfo tokenizer_;
  PretokenizeOptions options_;
  uint32_t dtypeBytes_;
  std::vector<Split*> splits_;
  bool finished_ = false;
};

// Reads documents, tokenizes and writes a shard set. Returns meta.json's content.
Json pretokenize(DocumentReader& reader, const TokenizerInfo& tokenizer, const std::string& outputDir,
                 const PretokenizeOptions& options);

// The split a document goes to: "val" for about valFraction of documents, chosen by text hash.
std::string splitFor(std::string_view text, double valFraction, uint64_t seed);

}  // namespace mindllm::data
