#pragma once
// The sentencepiece models this project trains (tokenizer.model: BPE with byte fallback), wrapped
// in the common Tokenizer interface. Encoding is sentencepiece's own; control pieces such as "</s>"
// written in the text are cut out first and map to their ids, as Hugging Face's LlamaTokenizer does.
#include <memory>
#include <string>
#include <vector>

#include "core/tokenizer/added_token_splitter.h"
#include "core/tokenizer/hf_special_tokens.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/json_file.h"

namespace mindllm {

class SentencePieceModel;

class SentencePieceTokenizer final : public Tokenizer {
public:
  // Reads dir/tokenizer.model (+ the optional HF side files for special-token names).
  static std::unique_ptr<SentencePieceTokenizer> load(const std::string& dir);
  // From the bytes of a tokenizer.model file; `where` names it in errors.
  SentencePieceTokenizer(std::string modelBytes, const std::string& where, SpecialTokenNames names = {},
                         Json config = Json::object());
  ~SentencePieceTokenizer() override;

  std::vector<TokenId> encode(std::string_view text) const override;
  std::string decode(const std::vector<TokenId>& ids, bool skipSpecial = false) const override;
  std::string tokenBytes(TokenId id) const override;
  int32_t vocabSize() const override { return static_cast<int32_t>(bytes_.size()); }
  std::optional<TokenId> tokenToId(std::string_view token) const override;
  std::string idToToken(TokenId id) const override;
  bool isSpecial(TokenId id) const override;
  std::optional<TokenId> eosId() const override { return eos_; }
  std::optional<TokenId> bosId() const override { return bos_; }
  std::optional<TokenId> padId() const override { return pad_; }
  std::string kind() const override { return "sentencepiece"; }
  void save(const std::string& dir) const override;

  // The text `id` adds to a decoding that is `atStart` (nothing shown yet), updating `atStart`.
  // Models trained with a dummy prefix drop the "▁" of the first word, as sentencepiece's own
  // decoder does; decode() and Utf8StreamDecoder both go through here.
  std::string decodePiece(TokenId id, bool& atStart) const;
  std::string chatTemplateName() const;

private:
  std::optional<TokenId> idOfName(const std::string& name, int spId) const;
  void probeFirstSpaceRule();

  std::string modelBytes_;
  std::unique_ptr<SentencePieceModel> sp_;  // sentencepiece itself, behind its backend module
  SpecialTokenNames names_;
  Json config_;
  std::vector<std::string> bytes_;   // what each id decodes to ("▁" -> " ", "<0xE4>" -> '\xE4')
  std::vector<char> special_;
  std::vector<char> wordStart_;      // a normal piece that starts with "▁"
  // How sentencepiece's decoder treats the "▁" of the first piece (it depends on the model's
  // normalizer flags, which the public API does not show, so it is measured on the model).
  bool dropFirstSpace_ = false;
  bool dropWhileEmpty_ = false;      // keep dropping while the text is still empty
  std::vector<AddedToken> controls_;  // cut out of text before sentencepiece sees it
  std::unique_ptr<AddedTokenSplitter> splitter_;
  std::optional<TokenId> bos_, eos_, pad_;
};

}  // namespace mindllm
