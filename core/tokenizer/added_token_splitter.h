#pragma once
// Cuts added tokens ("<|endoftext|>", "<user>", ...) out of text before normal tokenization, as
// Hugging Face's AddedVocabulary does: special tokens first, then the other added tokens in the
// pieces left, each pass taking the leftmost, then longest, match. The lstrip / rstrip /
// single_word options of HF's AddedToken are honoured.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/tokenizer.h"

namespace mindllm {

struct AddedToken {
  std::string content;
  TokenId id = 0;
  bool special = false;
  bool lstrip = false;      // also swallow the whitespace before it
  bool rstrip = false;      // also swallow the whitespace after it
  bool singleWord = false;  // only match when not inside a word
};

class AddedTokenSplitter {
public:
  struct Piece {
    std::string_view text;
    std::optional<TokenId> id;  // set when the piece is an added token (with any stripped spaces)
  };

  explicit AddedTokenSplitter(const std::vector<AddedToken>& tokens);
  AddedTokenSplitter(const AddedTokenSplitter&) = delete;  // the index points into tokens_
  AddedTokenSplitter& operator=(const AddedTokenSplitter&) = delete;
  std::vector<Piece> split(std::string_view text) const;

private:
  // Patterns by first byte, longest first.
  using Index = std::vector<std::vector<const AddedToken*>>;
  Index buildIndex(bool special) const;
  void splitWith(const Index& index, std::string_view text, std::vector<Piece>& out) const;

  std::vector<AddedToken> tokens_;
  Index special_;
  Index normal_;
};

}  // namespace mindllm
