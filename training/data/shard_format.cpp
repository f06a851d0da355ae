#include "training/data/shard_format.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/data/hashing.h"

namespace fs = std::filesystem;

namespace mindllm::data {

uint64_t hashTokenizerFolder(const std::string& dir) {
  if (!fs::is_directory(dir)) throw fileError(dir, "tokenizer folder does not exist");
  std::vector<std::string> names;
  // Only the files that define the ids: editing a chat template must not orphan the shards.
  static const char* const vocabularyFiles[] = {"tokenizer.model", "tokenizer.json", "vocab.json", "merges.txt",
                                                "added_tokens.json"};
  for (const char* f : vocabularyFiles)
    if (fs::is_regular_file(fs::path(dir) / f)) names.push_back(f);
  if (names.empty()) throw fileError(dir, "no tokenizer.model, tokenizer.json or vocab.json in the tokenizer folder");
  std::sort(names.begin(), names.end());
  uint64_t h = 0x4D4C544Bull;
  for (const auto& n : names) {
    h = mix64(h ^ hash64(n));
    h = mix64(h ^ hash64(readFile((fs::path(dir) / n).string())));
  }
  return h;
}

std::string hexHash(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace mindllm::data
