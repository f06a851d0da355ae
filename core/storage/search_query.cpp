#include "core/storage/search_query.h"

#include <algorithm>

#include "core/util/utf8.h"

namespace mindllm::storage {
namespace {

// The trigram tokenizer needs at least 3 characters (code points) to find anything.
constexpr size_t kTrigram = 3;

std::vector<std::string> splitTerms(const std::string& text) {
  std::vector<std::string> terms;
  std::string current;
  bool quoted = false;
  auto push = [&] {
    if (!current.empty()) terms.push_back(current);
    current.clear();
  };
  for (char c : text) {
    if (c == '"') {
      push();
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      push();
    } else {
      current += c;
    }
  }
  push();
  // The ideographic space (U+3000) separates words typed with a Chinese input method.
  std::vector<std::string> out;
  for (const std::string& term : terms) {
    size_t start = 0;
    for (size_t pos; (pos = term.find("\xE3\x80\x80", start)) != std::string::npos; start = pos + 3) {
      if (pos > start) out.push_back(term.substr(start, pos - start));
    }
    if (start < term.size()) out.push_back(term.substr(start));
  }
  return out;
}

char32_t foldAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

std::u32string folded(const std::string& text) {
  std::u32string out;
  for (char32_t c : utf8::decode(text)) out.push_back(foldAscii(c));
  return out;
}

void appendEscaped(std::string& out, char32_t c, bool html) {
  if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (html && c == '&') out += "&amp;";
  else if (html && c == '<') out += "&lt;";
  else if (html && c == '>') out += "&gt;";
  else if (html && c == '"') out += "&quot;";
  else utf8::append(out, c);
}

}  // namespace

std::string escapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

SearchQuery parseSearchQuery(const std::string& text) {
  SearchQuery query;
  query.terms = splitTerms(text);
  for (const std::string& term : query.terms) {
    if (utf8::decode(term).size() >= kTrigram) {
      // A quoted FTS5 string is matched as a substring by the trigram tokenizer; quotes double.
      std::string quoted = "\"";
      for (char c : term) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
      quoted += '"';
      query.ftsMatch += (query.ftsMatch.empty() ? "" : " AND ") + quoted;
    } else {
      query.shortTerms.push_back(term);
    }
  }
  return query;
}

std::string makeSnippet(const std::string& content, const std::vector<std::string>& terms, const SnippetStyle& style) {
  const std::vector<char32_t> text = utf8::decode(content);
  std::u32string lower;
  for (char32_t c : text) lower.push_back(foldAscii(c));

  // Mark every occurrence of every term (longest wins where they overlap).
  std::vector<int> markLength(text.size(), 0);
  size_t first = std::u32string::npos;
  for (const std::string& term : terms) {
    const std::u32string needle = folded(term);
    if (needle.empty()) continue;
    for (size_t pos = lower.find(needle); pos != std::u32string::npos; pos = lower.find(needle, pos + 1)) {
      markLength[pos] = std::max(markLength[pos], static_cast<int>(needle.size()));
      first = std::min(first, pos);
    }
  }
  if (first == std::u32string::npos) first = 0;

  // A window that starts a third of the context before the first hit.
  const size_t context = static_cast<size_t>(std::max(style.contextChars, 8));
  size_t begin = first > context / 3 ? first - context / 3 : 0;
  size_t end = std::min(text.size(), begin + context);
  if (end - begin < context && end == text.size()) begin = end > context ? end - context : 0;

  std::string out = begin > 0 ? "…" : "";
  size_t openUntil = 0;  // index where the current mark closes; 0 = no mark open
  for (size_t i = begin; i < end; ++i) {
    if (openUntil == 0 && markLength[i] > 0) {
      out += style.markOpen;
      openUntil = i + static_cast<size_t>(markLength[i]);
    } else if (openUntil != 0 && markLength[i] > 0) {
      openUntil = std::max(openUntil, i + static_cast<size_t>(markLength[i]));  // overlapping hits merge
    }
    appendEscaped(out, text[i], style.escapeHtml);
    if (openUntil != 0 && i + 1 >= openUntil) {
      out += style.markClose;
      openUntil = 0;
    }
  }
  if (openUntil != 0) out += style.markClose;
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace mindllm::storage
