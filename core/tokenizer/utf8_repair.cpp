#include "core/tokenizer/utf8_repair.h"

namespace mindllm::utf8_repair {
namespace {

// Well-formed sequences (Unicode Table 3-7): the allowed range of the second byte depends on the
// first; later bytes are always 80..BF.
bool secondByteOk(unsigned char lead, unsigned char b) {
  switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default: return b >= 0x80 && b <= 0xBF;
  }
}

size_t expectedLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

Scan scan(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t need = expectedLength(lead);
  if (need == 0) return {1, false, false};
  size_t have = 1;
  while (have < need) {
    if (i + have >= s.size()) return {have, false, true};
    const auto b = static_cast<unsigned char>(s[i + have]);
    const bool ok = have == 1 ? secondByteOk(lead, b) : (b >= 0x80 && b <= 0xBF);
    if (!ok) return {have, false, false};
    ++have;
  }
  return {need, true, false};
}

std::string lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const Scan sc = scan(bytes, i);
    if (sc.valid)
      out.append(bytes.substr(i, sc.length));
    else
      out += "\xEF\xBF\xBD";
    i += sc.length;
  }
  return out;
}

}  // namespace mindllm::utf8_repair
