#include "training/data/text_cleaner.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/util/error.h"
#include "core/util/utf8.h"

namespace mindllm::data {
namespace {

// Tag names we strip; anything else in angle brackets ("a < b", "<EMAIL>") is left alone.
const char* const kHtmlTags[] = {
    "a",      "abbr",   "article", "aside", "b",     "blockquote", "body",   "br",    "button", "caption", "center",
    "code",   "dd",     "div",     "dl",    "dt",    "em",         "figure", "font",  "footer", "form",    "h1",
    "h2",     "h3",     "h4",      "h5",    "h6",    "head",       "header", "hr",    "html",   "i",       "iframe",
    "img",    "input",  "label",   "li",    "link",  "main",       "meta",   "nav",   "ol",     "option",  "p",
    "pre",    "s",      "section", "select", "small", "span",      "strong", "sub",   "sup",    "table",   "tbody",
    "td",     "textarea", "tfoot", "th",    "thead", "title",      "tr",     "u",     "ul",     "noscript", "svg"};
const char* const kBlockTags[] = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                  "blockquote", "section", "article", "table", "ul", "ol", "hr", "pre", "title"};

bool asciiIEquals(std::string_view a, const char* b) {
  const size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

bool inList(std::string_view name, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (asciiIEquals(name, list[i])) return true;
  return false;
}

size_t findCaseInsensitive(std::string_view hay, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Decodes "&amp;", "&#20013;", "&#x4E2D;" at text[i] (which is '&'); returns bytes consumed or 0.
size_t decodeEntity(std::string_view text, size_t i, std::string& out) {
  static const std::unordered_map<std::string, char32_t> named = {
      {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
      {"nbsp", 0x00A0},   {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026}, {"ldquo", 0x201C},
      {"rdquo", 0x201D},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"middot", 0x00B7}, {"copy", 0x00A9}};
  const size_t semi = text.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  std::string_view body = text.substr(i + 1, semi - i - 1);
  if (body.empty()) return 0;
  char32_t cp = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                           : -1;
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
  } else {
    auto it = named.find(std::string(body));
    if (it == named.end()) return 0;
    cp = it->second;
  }
  utf8::append(out, cp);
  return semi - i + 1;
}

bool isSpaceLike(char32_t c) { return c == ' ' || c == '\t'; }

char32_t toFullwidth(char32_t c) {
  switch (c) {
    case ',': return U'，';
    case '!': return U'！';
    case '?': return U'？';
    case ':': return U'：';
    case ';': return U'；';
    case '(': return U'（';
    case ')': return U'）';
    case '.': return U'。';
    default: return c;
  }
}

char32_t toHalfwidth(char32_t c) {
  switch (c) {
    case U'，': case U'、': return ',';
    case U'。': return '.';
    case U'！': return '!';
    case U'？': return '?';
    case U'：': return ':';
    case U'；': return ';';
    case U'（': return '(';
    case U'）': return ')';
    case U'“': case U'”': return '"';
    case U'‘': case U'’': return '\'';
    case U'【': return '[';
    case U'】': return ']';
    default: return c;
  }
}

// Full-width marks where a Han character is next to them. A '.' only after Han and not before
// a digit or letter, so "3.14" and "v1.2" keep their dots.
void applyZhFullwidth(std::vector<char32_t>& cps) {
  auto prevNonSpace = [&](size_t i) -> char32_t {
    while (i > 0) {
      if (!isSpaceLike(cps[i - 1])) return cps[i - 1];
      --i;
    }
    return 0;
  };
  auto nextNonSpace = [&](size_t i) -> char32_t {
    for (size_t k = i + 1; k < cps.size(); ++k)
      if (!isSpaceLike(cps[k])) return cps[k];
    return 0;
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    if (toFullwidth(c) == c) continue;
    const char32_t prev = i > 0 ? cps[i - 1] : 0, next = i + 1 < cps.size() ? cps[i + 1] : 0;
    bool convert;
    if (c == '.') {
      convert = isHan(prev) && !(next < 128 && std::isalnum(static_cast<int>(next)));
    } else if (c == '(') {
      convert = isHan(prevNonSpace(i)) || isHan(next);
    } else if (c == ')') {
      convert = isHan(prev) || isHan(nextNonSpace(i));
    } else {
      convert = isHan(prev) || (isHan(nextNonSpace(i)) && !(prev < 128 && std::isalnum(static_cast<int>(prev))));
    }
    if (convert) cps[i] = toFullwidth(c);
  }
}

}  // namespace

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2EBEF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x30000 && c <= 0x3134F);
}

std::string stripHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '<') {
      if (text.compare(i, 4, "<!--") == 0) {
        const size_t end = text.find("-->", i + 4);
        if (end != std::string_view::npos) {
          i = end + 3;
          continue;
        }
      }
      // <script> and <style> lose their bodies too.
      bool skippedBlock = false;
      for (const char* block : {"script", "style"}) {
        const size_t n = std::strlen(block);
        if (i + 1 + n <= text.size() && asciiIEquals(text.substr(i + 1, n), block)) {
          const size_t end = findCaseInsensitive(text, std::string("</") + block, i + 1 + n);
          const size_t close = end == std::string_view::npos ? end : text.find('>', end);
          if (close != std::string_view::npos) {
            i = close + 1;
            skippedBlock = true;
          }
          break;
        }
      }
      if (skippedBlock) continue;
      size_t k = i + 1;
      if (k < text.size() && text[k] == '/') ++k;
      const size_t nameStart = k;
      while (k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]))) ++k;
      std::string_view name = text.substr(nameStart, k - nameStart);
      const size_t close = text.find('>', k);
      const size_t nextOpen = text.find('<', k);
      if (!name.empty() && close != std::string_view::npos && close - i < 1024 &&
          (nextOpen == std::string_view::npos || nextOpen > close) &&
          (k == close || !std::isalnum(static_cast<unsigned char>(text[k]))) &&
          inList(name, kHtmlTags, std::size(kHtmlTags))) {
        if (inList(name, kBlockTags, std::size(kBlockTags))) out += '\n';
        i = close + 1;
        continue;
      }
    } else if (c == '&') {
      const size_t used = decodeEntity(text, i, out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

CleanOptions CleanOptions::fromJson(const Json& j, const std::string& where) {
  CleanOptions o;
  o.stripHtml = optionalField<bool>(j, "strip_html", o.stripHtml, where);
  o.nfkc = optionalField<bool>(j, "nfkc", o.nfkc, where);
  o.removeControl = optionalField<bool>(j, "remove_control", o.removeControl, where);
  o.punctuation = optionalField<std::string>(j, "punctuation", o.punctuation, where);
  o.maxBlankLines = optionalField<int>(j, "max_blank_lines", o.maxBlankLines, where);
  if (o.punctuation != "keep" && o.punctuation != "halfwidth" && o.punctuation != "zh_fullwidth")
    throw Error(where + ": field 'punctuation' must be keep, halfwidth or zh_fullwidth, not '" + o.punctuation + "'");
  return o;
}

TextCleaner::TextCleaner(CleanOptions options) : options_(std::move(options)) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_ = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU: cannot load the NFKC normaliser: ") + u_errorName(status));
}

std::string TextCleaner::clean(std::string_view input) const {
  std::string text = options_.stripHtml ? stripHtml(input) : std::string(input);
  if (options_.nfkc) {
    UErrorCode status = U_ZERO_ERROR;
    // fromUTF8 maps invalid bytes to U+FFFD, removed below with the other junk.
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    icu::UnicodeString normalized = static_cast<const icu::Normalizer2*>(nfkc_)->normalize(u, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU NFKC failed: ") + u_errorName(status));
    text.clear();
    normalized.toUTF8String(text);
  }
  std::vector<char32_t> cps = utf8::decode(text);

  // One pass: controls and invisibles out, odd spaces and line separators unified.
  std::vector<char32_t> kept;
  kept.reserve(cps.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == '\r') {
      if (i + 1 < cps.size() && cps[i + 1] == '\n') continue;
      c = '\n';
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) c = '\n';
    if (c == '\t' || (c != '\n' && u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR)) c = ' ';
    if (options_.removeControl && c != '\n' && c != ' ') {
      const int8_t type = u_charType(static_cast<UChar32>(c));
      if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || c == 0xFFFD) continue;
    }
    kept.push_back(c);
  }

  if (options_.punctuation == "zh_fullwidth") {
    applyZhFullwidth(kept);
  } else if (options_.punctuation == "halfwidth") {
    for (char32_t& c : kept) c = toHalfwidth(c);
  }

  // Whitespace: single spaces, no spaces at line ends, at most maxBlankLines empty lines.
  std::string out;
  out.reserve(text.size());
  std::string line;
  int blankRun = 0;
  bool any = false;
  auto flushLine = [&]() {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty()) {
      ++blankRun;
    } else {
      if (any) out.append(static_cast<size_t>(1 + std::min(blankRun, std::max(0, options_.maxBlankLines))), '\n');
      out += line;
      any = true;
      blankRun = 0;
    }
    line.clear();
  };
  for (char32_t c : kept) {
    if (c == '\n') {
      flushLine();
    } else if (c == ' ') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      utf8::append(line, c);
    }
  }
  flushLine();
  return out;
}

}  // namespace mindllm::data
