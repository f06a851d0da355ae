#pragma once
// GPT-2 style byte-level BPE, id-for-id compatible with Hugging Face's GPT2TokenizerFast (ByteLevel
// pre-tokenizer, add_prefix_space=false). Reads the GPT-2 layout (vocab.json + merges.txt + the
// special-token side files) or, without those, a tokenizer.json of the same kind.
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/tokenizer/added_token_splitter.h"
#include "core/tokenizer/gpt2_pretokenizer.h"
#include "core/tokenizer/hf_special_tokens.h"
#include "core/tokenizer/merge_table.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/json_file.h"

namespace mindllm {

class ByteLevelBpeTokenizer final : public Tokenizer {
public:
  using Merge = std::pair<std::string, std::string>;

  // Reads a folder; throws Error naming the file (and line) at fault.
  static std::unique_ptr<ByteLevelBpeTokenizer> load(const std::string& dir);

  // `vocab` maps byte-level token text to ids; every merge's parts and result must be in it.
  // Added tokens may reuse vocab ids (GPT-2's "<|endoftext|>") or extend the vocabulary.
  // `config` is the tokenizer_config.json to carry over on save (e.g. "mindllm_chat_template").
  ByteLevelBpeTokenizer(const std::unordered_map<std::string, TokenId>& vocab, std::vector<Merge> merges,
                        std::vector<AddedToken> added, SpecialTokenNames names, Json config = Json::object());

  std::vector<TokenId> encode(std::string_view text) const override;
  std::string decode(const std::vector<TokenId>& ids, bool skipSpecial = false) const override;
  std::string tokenBytes(TokenId id) const override;
  int32_t vocabSize() const override { return static_cast<int32_t>(idToToken_.size()); }
  std::optional<TokenId> tokenToId(std::string_view token) const override;
  std::string idToToken(TokenId id) const override;
  bool isSpecial(TokenId id) const override;
  std::optional<TokenId> eosId() const override { return idOfName(names_.eos); }
  std::optional<TokenId> bosId() const override { return idOfName(names_.bos); }
  std::optional<TokenId> padId() const override { return idOfName(names_.pad); }
  std::string kind() const override { return "byte_level_bpe"; }
  void save(const std::string& dir) const override;

  // The pre-tokenizer's pieces in byte-level text, as Hugging Face's pre_tokenize_str returns
  // them (which knows nothing of added tokens: encode() cuts those out first).
  std::vector<std::string> preTokenize(std::string_view text) const;
  const std::vector<AddedToken>& addedTokens() const { return added_; }
  size_t mergeCount() const { return merges_.size(); }
  // "mindllm_chat_template" from tokenizer_config.json, or "" when absent.
  std::string chatTemplateName() const;

private:
  void encodePlain(std::string_view text, std::vector<TokenId>& out) const;
  void encodeWord(std::string_view bytes, std::vector<TokenId>& out) const;
  void mergeWord(std::string_view bytes, std::vector<TokenId>& out) const;
  std::optional<TokenId> idOfName(const std::string& token) const;
  void setToken(TokenId id, const std::string& text);

  std::vector<std::string> idToToken_;   // byte-level text, or the added token's content
  std::vector<std::string> idToBytes_;   // what each id decodes to
  std::vector<char> special_;
  std::vector<char> inModelVocab_;       // written to vocab.json (vs. added_tokens.json)
  std::unordered_map<std::string, TokenId> tokenToId_;
  std::vector<Merge> merges_;
  MergeTable mergeRules_;
  std::array<TokenId, 256> byteToId_;    // -1 for a byte the vocabulary lacks (it is dropped, as in HF)
  std::vector<AddedToken> added_;
  SpecialTokenNames names_;
  Json config_;
  AddedTokenSplitter splitter_;
  Gpt2PreTokenizer preTokenizer_;

  // Words seen before -> their ids. Text repeats words a lot, so this is most of the speed.
  // Long words (Chinese runs without spaces, whitespace runs) rarely repeat and are not cached.
  static constexpr size_t kCacheCapacity = 100000;
  static constexpr size_t kMaxCachedWordBytes = 64;
  mutable std::mutex cacheMutex_;
  mutable std::unordered_map<std::string, std::vector<TokenId>> cache_;
};

}  // namespace mindllm
