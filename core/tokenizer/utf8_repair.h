#pragma once
// Turning arbitrary bytes into valid UTF-8 the way Hugging Face does (Rust's from_utf8_lossy):
// each maximal invalid subpart becomes one U+FFFD. A BPE token can end in the middle of a
// character, so decoded byte strings are not always valid.
#include <cstddef>
#include <string>
#include <string_view>

namespace mindllm::utf8_repair {

// What the bytes at s[i] are.
struct Scan {
  size_t length;  // bytes of the character, or of the maximal invalid subpart (>= 1)
  bool valid;     // a complete, well-formed character
  bool truncated; // not valid only because s ends early: more bytes could complete it
};
Scan scan(std::string_view s, size_t i);

// Bytes -> valid UTF-8, replacing each maximal invalid subpart with U+FFFD.
std::string lossy(std::string_view bytes);

}  // namespace mindllm::utf8_repair
