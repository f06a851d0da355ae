#include "training/data/shard_writer.h"

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/cli/progress_bar.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/data/hashing.h"
#include "training/data/mixer.h"
#include "training/data/shard_format.h"
#include "training/data/worker_pool.h"

namespace fs = std::filesystem;

namespace mindllm::data {

struct ShardSetWriter::Split {
  std::string name;
  int shardIndex = 0;
  std::ofstream out;
  std::string path;
  uint64_t tokens = 0;                 // in the open shard
  std::vector<uint64_t> docOffsets{0};  // of the open shard
  uint64_t totalTokens = 0, totalDocs = 0;
  Json shards = Json::array();
};

std::string splitFor(std::string_view text, double valFraction, uint64_t seed) {
  if (valFraction <= 0) return "train";
  const double u = static_cast<double>(hash64(text, seed ^ 0x76616C) >> 11) / static_cast<double>(1ull << 53);
  return u < valFraction ? "val" : "train";
}

ShardSetWriter::ShardSetWriter(std::string outputDir, const TokenizerInfo& tokenizer, PretokenizeOptions options)
    : outputDir_(std::move(outputDir)), tokenizer_(tokenizer), options_(options) {
  if (tokenizer_.vocabSize <= 0) throw Error("pretokenize: tokenizer reports no vocabulary size");
  if (tokenizer_.eosId < 0 || tokenizer_.eosId >= tokenizer_.vocabSize)
    throw Error("pretokenize: tokenizer has no EOS token; documents must be separated by one");
  dtypeBytes_ = tokenizer_.vocabSize <= 65536 ? 2 : 4;
  const fs::path out = fs::absolute(outputDir_);
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  stagingDir_ = out.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(stagingDir_);
  fs::create_directories(stagingDir_);
  for (const char* name : {"train", "val"}) {
    auto* s = new Split;
    s->name = name;
    splits_.push_back(s);
  }
}

ShardSetWriter::~ShardSetWriter() {
  for (Split* s : splits_) delete s;
  if (!finished_) {
    std::error_code ec;
    fs::remove_all(stagingDir_, ec);
  }
}

void ShardSetWriter::add(const std::string& split, const std::vector<int32_t>& tokens) {
  Split* s = nullptr;
  for (Split* c : splits_)
    if (c->name == split) s = c;
  if (!s) throw Error("pretokenize: unknown split '" + split + "'");
  if (!s->out.is_open()) {
    char name[64];
    std::snprintf(name, sizeof name, "%s-%05d.bin", s->name.c_str(), s->shardIndex);
    s->path = (fs::path(stagingDir_) / name).string();
    s->out.open(s->path, std::ios::binary | std::ios::trunc);
    if (!s->out) throw fileError(s->path, "cannot create shard");
    const char zeros[kShardHeaderBytes] = {};
    s->out.write(zeros, sizeof zeros);  // the real header is written when the shard is closed
  }
  // Narrow into one buffer and write it at once; ids outside the vocabulary are a tokenizer bug.
  std::string buffer(dtypeBytes_ * (tokens.size() + 1), '\0');
  auto put = [&](size_t i, int32_t id) {
    if (id < 0 || id >= tokenizer_.vocabSize)
      throw Error("pretokenize: token id " + std::to_string(id) + " outside the vocabulary (" +
                  std::to_string(tokenizer_.vocabSize) + ")");
    if (dtypeBytes_ == 2) {
      const uint16_t v = static_cast<uint16_t>(id);
      std::memcpy(&buffer[i * 2], &v, 2);
    } else {
      const uint32_t v = static_cast<uint32_t>(id);
      std::memcpy(&buffer[i * 4], &v, 4);
    }
  };
  for (size_t i = 0; i < tokens.size(); ++i) put(i, tokens[i]);
  put(tokens.size(), tokenizer_.eosId);
  s->out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  s->tokens += tokens.size() + 1;
  s->docOffsets.push_back(s->tokens);
  s->totalTokens += tokens.size() + 1;
  ++s->totalDocs;
  if (s->tokens >= options_.shardTokens) flushShard(*s);
}

void ShardSetWriter::flushShard(Split& s) {
  if (!s.out.is_open()) return;
  // Pad the token area to 8 bytes so the index is aligned for the memory map.
  uint64_t end = kShardHeaderBytes + s.tokens * dtypeBytes_;
  while (end % 8) {
    s.out.put('\0');
    ++end;
  }
  s.out.write(reinterpret_cast<const char*>(s.docOffsets.data()),
              static_cast<std::streamsize>(s.docOffsets.size() * sizeof(uint64_t)));
  ShardHeader h{};
  std::memcpy(h.magic, kShardMagic, sizeof h.magic);
  h.version = kShardVersion;
  h.dtypeBytes = dtypeBytes_;
  h.vocabSize = static_cast<uint32_t>(tokenizer_.vocabSize);
  h.eosId = tokenizer_.eosId;
  h.tokenizerHash = tokenizer_.hash;
  h.tokenCount = s.tokens;
  h.docCount = s.docOffsets.size() - 1;
  h.indexOffset = end;
  s.out.seekp(0);
  s.out.write(reinterpret_cast<const char*>(&h), sizeof h);
  s.out.flush();
  if (!s.out) throw fileError(s.path, "write failed (disk full?)");
  s.out.close();
  s.shards.push_back({{"file", fs::path(s.path).filename().string()},
                      {"tokens", s.tokens},
                      {"documents", h.docCount}});
  ++s.shardIndex;
  s.tokens = 0;
  s.docOffsets.assign(1, 0);
}

Json ShardSetWriter::finish() {
  Json meta;
  meta["format"] = "mindllm-token-shards";
  meta["version"] = kShardVersion;
  meta["dtype"] = dtypeBytes_ == 2 ? "uint16" : "uint32";
  meta["vocab_size"] = tokenizer_.vocabSize;
  meta["eos_id"] = tokenizer_.eosId;
  meta["tokenizer_hash"] = hexHash(tokenizer_.hash);
  meta["tokenizer"] = tokenizer_.name;
  meta["seed"] = options_.seed;
  meta["val_fraction"] = options_.valFraction;
  meta["splits"] = Json::object();
  for (Split* s : splits_) {
    flushShard(*s);
    meta["splits"][s->name] = {{"tokens", s->totalTokens}, {"documents", s->totalDocs}, {"shards", s->shards}};
  }
  writeJsonFileAtomic((fs::path(stagingDir_) / "meta.json").string(), meta);
  replaceDirAtomic(stagingDir_, outputDir_);
  finished_ = true;
  return meta;
}

Json pretokenize(DocumentReader& reader, const TokenizerInfo& tokenizer, const std::string& outputDir,
                 const PretokenizeOptions& options) {
  ShardSetWriter writer(outputDir, tokenizer, options);
  WorkerPool pool(options.threads);
  std::optional<cli::ProgressBar> bar;
  if (options.progress) bar.emplace("pretokenize", std::max<int64_t>(1, reader.totalBytes() / 1024), "KB");

  // Documents are read a buffer at a time, tokenized in parallel, and written in a seeded order.
  const size_t buffer = std::max<size_t>(1, options.shuffleBuffer);
  std::vector<Document> docs;
  uint64_t round = 0, tokens = 0;
  for (;;) {
    docs.clear();
    if (reader.nextBatch(docs, buffer) == 0) break;
    std::vector<std::vector<int32_t>> encoded(docs.size());
    pool.parallelFor(docs.size(), [&](size_t i) { encoded[i] = tokenizer.encode(docs[i].text); });
    std::vector<uint32_t> order(docs.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    if (buffer > 1) deterministicShuffle(order, options.seed ^ mix64(++round));
    for (uint32_t i : order) {
      writer.add(splitFor(docs[i].text, options.valFraction, options.seed), encoded[i]);
      tokens += encoded[i].size() + 1;
    }
    if (bar) bar->update(reader.bytesRead() / 1024, std::to_string(tokens) + " tokens");
  }
  if (bar) bar->finish(std::to_string(tokens) + " tokens");
  return writer.finish();
}

}  // namespace mindllm::data
