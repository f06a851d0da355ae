#pragma once
// Cuts added tokens ("<|endoftext|>", "<user>", ...) out of text before normal tokenization, as
// Hugging Face's AddedVocabulary does: special tokens first, then the other added tokens in the
// pieces left, each pass taking the leftmost, then longest, match.
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
};

class AddedTokenSplitter {
public:
  struct Piece {
    std::string_view text;
    std::optional<TokenId> id;  // set when the piece is an added token
  };

  explicit AddedTokenSplitter(const std::vector<AddedToken>& tokens);
  std::vector<Piece> split(std::string_view text) const;

private:
  struct Pattern {
    std::string content;
    TokenId id;
  };
  // Patterns by first byte, longest first.
  using Index = std::vector<std::vector<Pattern>>;
  static Index buildIndex(const std::vector<AddedToken>& tokens, bool special);
  static void splitWith(const Index& index, std::string_view text, std::vector<Piece>& out);

  Index special_;
  Index normal_;
};

}  // namespace mindllm
