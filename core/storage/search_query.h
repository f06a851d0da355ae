#pragma once
// Turns what the user typed in the search box into SQLite conditions, and cuts the snippet shown
// for a hit. The trigram index answers terms of 3 or more characters; shorter terms (typical
// Chinese words such as "合同") cannot be indexed as trigrams and are matched by scanning, with the
// SQL function mindllm_contains (message_search.h).
#include <string>
#include <vector>

namespace mindllm::storage {

struct SearchQuery {
  std::vector<std::string> terms;         // as typed, split on white space; "quoted text" is one term
  std::string ftsMatch;                   // FTS5 MATCH expression for the long terms; empty if none
  std::vector<std::string> shortTerms;    // terms of 1-2 characters, for mindllm_contains
  bool empty() const { return terms.empty(); }
};

SearchQuery parseSearchQuery(const std::string& text);

// Escapes % _ and \ so that `text` matches literally in LIKE ... ESCAPE '\' (for tools and benches).
std::string escapeLike(const std::string& text);

struct SnippetStyle {
  std::string markOpen = "[";
  std::string markClose = "]";
  bool escapeHtml = false;
  int contextChars = 64;
};

// A window of about style.contextChars characters of `content` around the first term found, every
// term occurrence inside wrapped in the markers, "…" where the text was cut, newlines as spaces.
// Matching is case-insensitive for ASCII, like the index and LIKE.
std::string makeSnippet(const std::string& content, const std::vector<std::string>& terms, const SnippetStyle& style);

}  // namespace mindllm::storage
