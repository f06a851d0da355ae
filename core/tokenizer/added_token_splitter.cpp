#include "core/tokenizer/added_token_splitter.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>

#include "core/util/utf8.h"

namespace mindllm {
namespace {

// Rust's char::is_whitespace (Unicode White_Space), which HF uses for lstrip/rstrip.
bool isWhitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// HF's single_word test: a word character is alphanumeric (Unicode Alphabetic or Numeric) or '_'.
bool isWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  static pcre2_code* const re = [] {
    int err = 0;
    PCRE2_SIZE off = 0;
    return pcre2_compile(reinterpret_cast<PCRE2_SPTR>("^[\\p{Alphabetic}\\p{N}]"), PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP, &err, &off, nullptr);
  }();
  if (!re) return false;
  std::string s;
  utf8::append(s, c);
  pcre2_match_data* md = pcre2_match_data_create(1, nullptr);
  const int rc = pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0, 0, md, nullptr);
  pcre2_match_data_free(md);
  return rc > 0;
}

// Last / first character of valid UTF-8 text, and its length in bytes.
char32_t lastChar(std::string_view s, size_t& len) {
  len = 1;
  while (len < s.size() && len < 4 && (static_cast<unsigned char>(s[s.size() - len]) & 0xC0) == 0x80) ++len;
  const auto cps = utf8::decode(s.substr(s.size() - len));
  return cps.empty() ? 0 : cps.front();
}
char32_t firstChar(std::string_view s, size_t& len) {
  len = static_cast<size_t>(std::max(1, utf8::sequenceLength(static_cast<unsigned char>(s[0]))));
  len = std::min(len, s.size());
  const auto cps = utf8::decode(s.substr(0, len));
  return cps.empty() ? 0 : cps.front();
}

}  // namespace

AddedTokenSplitter::AddedTokenSplitter(const std::vector<AddedToken>& tokens)
    : tokens_(tokens), special_(buildIndex(true)), normal_(buildIndex(false)) {}

AddedTokenSplitter::Index AddedTokenSplitter::buildIndex(bool special) const {
  Index index(256);
  for (const AddedToken& t : tokens_) {
    if (t.special != special || t.content.empty()) continue;
    index[static_cast<unsigned char>(t.content[0])].push_back(&t);
  }
  for (auto& bucket : index)
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const AddedToken* a, const AddedToken* b) { return a->content.size() > b->content.size(); });
  return index;
}

void AddedTokenSplitter::splitWith(const Index& index, std::string_view text, std::vector<Piece>& out) const {
  size_t emitted = 0;  // text before this is already in `out`
  size_t i = 0;
  while (i < text.size()) {
    const AddedToken* hit = nullptr;
    for (const AddedToken* t : index[static_cast<unsigned char>(text[i])]) {
      if (text.compare(i, t->content.size(), t->content) == 0) {
        hit = t;  // buckets are sorted longest first
        break;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    size_t start = i, stop = i + hit->content.size();
    i = stop;  // like HF's matcher, a discarded match is not searched again
    size_t n = 0;
    if (hit->singleWord && ((start > 0 && isWordChar(lastChar(text.substr(0, start), n))) ||
                            (stop < text.size() && isWordChar(firstChar(text.substr(stop), n)))))
      continue;
    if (hit->lstrip)  // not into text an earlier match already took
      while (start > emitted && isWhitespace(lastChar(text.substr(0, start), n))) start -= n;
    if (hit->rstrip)
      while (stop < text.size() && isWhitespace(firstChar(text.substr(stop), n))) stop += n;
    if (start > emitted) out.push_back({text.substr(emitted, start - emitted), std::nullopt});
    out.push_back({text.substr(start, stop - start), hit->id});
    emitted = i = stop;
  }
  if (emitted < text.size()) out.push_back({text.substr(emitted), std::nullopt});
}

std::vector<AddedTokenSplitter::Piece> AddedTokenSplitter::split(std::string_view text) const {
  std::vector<Piece> bySpecial;
  splitWith(special_, text, bySpecial);
  std::vector<Piece> out;
  out.reserve(bySpecial.size());
  for (const Piece& p : bySpecial) {
    if (p.id)
      out.push_back(p);
    else
      splitWith(normal_, p.text, out);
  }
  return out;
}

}  // namespace mindllm
