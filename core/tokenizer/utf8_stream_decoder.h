#pragma once
// Incremental detokenization for streaming: feed token ids one at a time, get back only text made
// of complete UTF-8 characters. A Chinese character split across two byte-level tokens is held
// back until its last byte arrives, so the UI never shows a broken character.
#include <string>

#include "core/tokenizer/tokenizer.h"

namespace mindllm {

class Utf8StreamDecoder {
public:
  explicit Utf8StreamDecoder(const Tokenizer& tokenizer, bool skipSpecial = true);

  // Returns the newly completed text (possibly empty).
  std::string push(TokenId id);
  // Returns whatever is still held back; invalid leftovers become U+FFFD.
  std::string flush();

private:
  const Tokenizer& tokenizer_;
  bool skipSpecial_;
  std::string pending_;
  bool atStart_ = true;
};

}  // namespace mindllm
