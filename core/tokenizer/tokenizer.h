#pragma once
// The tokenizer interface shared by the byte-level BPE (GPT-2 / MindLLM checkpoints) and the
// sentencepiece models this project trains. Ids are int32 everywhere in the engine.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mindllm {

using TokenId = int32_t;

class Tokenizer {
public:
  virtual ~Tokenizer() = default;

  // Encodes text; added/special tokens written literally in the text (e.g. "<|endoftext|>") map
  // to their ids, as Hugging Face does. No BOS/EOS is added.
  virtual std::vector<TokenId> encode(std::string_view text) const = 0;
  virtual std::string decode(const std::vector<TokenId>& ids, bool skipSpecial = false) const = 0;

  // The raw bytes a token stands for (may be an incomplete UTF-8 sequence). Streaming decoders
  // concatenate these and only show complete characters.
  virtual std::string tokenBytes(TokenId id) const = 0;

  virtual int32_t vocabSize() const = 0;
  virtual std::optional<TokenId> tokenToId(std::string_view token) const = 0;
  virtual std::string idToToken(TokenId id) const = 0;
  virtual bool isSpecial(TokenId id) const = 0;

  virtual std::optional<TokenId> eosId() const = 0;
  virtual std::optional<TokenId> bosId() const = 0;
  virtual std::optional<TokenId> padId() const = 0;

  // "byte_level_bpe" or "sentencepiece".
  virtual std::string kind() const = 0;

  // Writes the tokenizer's files into `dir` in the Hugging Face layout (vocab.json, merges.txt,
  // added_tokens.json, special_tokens_map.json, tokenizer_config.json; or tokenizer.model).
  virtual void save(const std::string& dir) const = 0;
};

// Loads whatever tokenizer a model folder holds (tokenizer.model, or vocab.json + merges.txt).
// Throws Error naming the folder and the missing or bad file.
std::unique_ptr<Tokenizer> loadTokenizer(const std::string& dir);

}  // namespace mindllm
