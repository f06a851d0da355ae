#pragma once
// GPT-2's byte <-> unicode table (bytes_to_unicode in openai/gpt-2 encoder.py): every byte gets a
// printable character so that BPE vocabularies can be stored as text. Printable ASCII and most of
// Latin-1 map to themselves; the other 68 bytes map to U+0100 onwards (space -> 'Ġ', '\n' -> 'Ċ').
#include <optional>
#include <string>
#include <string_view>

namespace mindllm::byte_level {

// The character (as UTF-8) that stands for byte `b`.
const std::string& charOf(unsigned char b);

// Raw bytes -> vocabulary text, e.g. " 你" -> "Ġä½ł".
std::string encodeBytes(std::string_view bytes);

// Vocabulary text -> raw bytes; nullopt if a character is not in the table (e.g. an added token
// such as "<user>" is fine, "你" is not).
std::optional<std::string> decodeToBytes(std::string_view text);

}  // namespace mindllm::byte_level
