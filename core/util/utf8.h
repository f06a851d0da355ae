#pragma once
// Small UTF-8 helpers shared by the tokenizers, the streaming detokenizer and the data pipeline.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mindllm::utf8 {

// Length of the sequence that starts with lead byte `b` (1..4), or 0 if `b` cannot start one.
int sequenceLength(unsigned char b);

// Number of leading bytes of `s` that form complete, valid UTF-8 characters; the rest is either
// an incomplete tail (more bytes may come) or invalid.
size_t completePrefixLength(std::string_view s);

bool isValid(std::string_view s);

// Decodes to code points; invalid bytes become U+FFFD.
std::vector<char32_t> decode(std::string_view s);
void append(std::string& out, char32_t cp);
std::string encode(const std::vector<char32_t>& cps);

}  // namespace mindllm::utf8
