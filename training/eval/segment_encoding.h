#pragma once
// Prompts are tokenized in segments (header, question, answer) so a shared header can be cached
// once. Encoding a segment alone can differ from how it tokenizes after the text before it: an
// English answer " A" must keep its leading space token, and sentencepiece adds a word-start mark
// at the start of every encode() call. encodeAfter() tokenizes the segment behind a short anchor
// (the end of the text before it) and keeps only the segment's ids.
#include <string_view>
#include <vector>

#include "core/tokenizer/tokenizer.h"

namespace mindllm::eval {

// The ids `text` gets when it follows `anchor`: encode(anchor + text) minus encode(anchor) when the
// latter is a prefix of the former (the usual case); otherwise (a merge across the boundary)
// encode(text) on its own. Either way decode(result) == text for byte-level tokenizers.
std::vector<TokenId> encodeAfter(const Tokenizer& tokenizer, std::string_view anchor, std::string_view text);

}  // namespace mindllm::eval
