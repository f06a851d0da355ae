// loadTokenizer(): the one entry point that looks at a model folder and picks the tokenizer kind.
#include <filesystem>

#include "core/tokenizer/byte_level_bpe.h"
#include "core/tokenizer/sentencepiece_tokenizer.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"

namespace mindllm {

std::unique_ptr<Tokenizer> loadTokenizer(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path root = fs::u8path(dir);
  if (!fs::is_directory(root)) throw Error(dir + ": not a folder");
  auto has = [&](const char* name) { return fs::exists(root / name); };
  // Our own trained models ship tokenizer.model; GPT-2 style checkpoints (MindLLM's released ones)
  // ship vocab.json + merges.txt and often a tokenizer.json beside them.
  if (has("tokenizer.model")) return SentencePieceTokenizer::load(dir);
  if (has("vocab.json") || has("merges.txt") || has("tokenizer.json")) return ByteLevelBpeTokenizer::load(dir);
  throw Error(dir + ": no tokenizer found (expected tokenizer.model, or vocab.json + merges.txt, or tokenizer.json)");
}

}  // namespace mindllm
