#pragma once
// On-disk format of pretokenized shards (docs/DATA.md has the full description).
//
//   <dir>/meta.json           format, dtype, vocab size, tokenizer hash, EOS id, shard list per split
//   <dir>/train-00000.bin     one shard: 64-byte header | tokens | document index
//   <dir>/val-00000.bin
//
// Header (little-endian): magic "MLTOKENS", u32 version, u32 dtype bytes (2 = uint16 when the
// vocabulary has < 65536 entries, else 4 = uint32), u32 vocab size, i32 EOS id, u64 tokenizer
// hash, u64 token count, u64 document count, u64 index offset, u64 reserved. Tokens start at
// byte 64. The index is (document count + 1) u64 token offsets; document i is tokens
// [index[i], index[i+1]) and ends with its EOS token.
#include <cstdint>
#include <string>

namespace mindllm::data {

constexpr char kShardMagic[8] = {'M', 'L', 'T', 'O', 'K', 'E', 'N', 'S'};
constexpr uint32_t kShardVersion = 1;
constexpr size_t kShardHeaderBytes = 64;

struct ShardHeader {
  char magic[8];
  uint32_t version;
  uint32_t dtypeBytes;
  uint32_t vocabSize;
  int32_t eosId;
  uint64_t tokenizerHash;
  uint64_t tokenCount;
  uint64_t docCount;
  uint64_t indexOffset;
  uint64_t reserved;
};
static_assert(sizeof(ShardHeader) == kShardHeaderBytes, "shard header must be 64 bytes");

// A fingerprint of a tokenizer folder: a hash over the names and bytes of the files that define
// the vocabulary (tokenizer.model, vocab.json, merges.txt, ...), in sorted order.
// Shards record it so a reader can refuse tokens made by a different tokenizer.
uint64_t hashTokenizerFolder(const std::string& dir);

std::string hexHash(uint64_t h);

}  // namespace mindllm::data
