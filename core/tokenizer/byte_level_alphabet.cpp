#include "core/tokenizer/byte_level_alphabet.h"

#include <array>
#include <unordered_map>

#include "core/util/utf8.h"

namespace mindllm::byte_level {
namespace {

struct Table {
  std::array<std::string, 256> charOfByte;
  std::unordered_map<char32_t, unsigned char> byteOfChar;

  Table() {
    int next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(next++);
      utf8::append(charOfByte[b], cp);
      byteOfChar[cp] = static_cast<unsigned char>(b);
    }
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

const std::string& charOf(unsigned char b) { return table().charOfByte[b]; }

std::string encodeBytes(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) out += table().charOfByte[b];
  return out;
}

std::optional<std::string> decodeToBytes(std::string_view text) {
  if (!utf8::isValid(text)) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : utf8::decode(text)) {
    auto it = table().byteOfChar.find(cp);
    if (it == table().byteOfChar.end()) return std::nullopt;
    out += static_cast<char>(it->second);
  }
  return out;
}

}  // namespace mindllm::byte_level
