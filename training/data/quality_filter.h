#pragma once
// Document quality heuristics in the style of the paper (and Gopher/C4 before it): length, mean
// line length, symbol and digit ratios, lines ending in punctuation, repeated lines, repeated
// n-grams and bad words in both languages. Every threshold is configurable, per language if
// needed, and a dropped document carries the name of the first rule it failed.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::data {

struct QualityThresholds {
  long minChars = 50;                   // too_short (code points, whitespace excluded)
  long maxChars = 1000000;              // too_long
  double minMeanLineChars = 8;          // mean_line_length
  double maxMeanLineChars = 20000;
  double maxSymbolRatio = 0.10;         // symbol_ratio: Unicode symbols, '#', '…' over non-space chars
  double maxDigitRatio = 0.30;          // digit_ratio
  double minPunctEndedLines = 0.20;     // line_end_punctuation, only for docs with >= 3 lines
  double maxDuplicateLineRatio = 0.30;  // repeated_lines: share of lines that repeat an earlier one
  int topNgramN = 2;                    // top_ngram: share of text in the most frequent n-gram
  double maxTopNgramRatio = 0.20;
  int dupNgramN = 5;                    // repeated_ngrams: share of text inside n-grams seen twice
  double maxDupNgramRatio = 0.25;
  double maxBadWordRatio = 0.01;        // bad_words: hits per unit (Han char or Latin word)

  static QualityThresholds fromJson(const Json& j, const std::string& where, QualityThresholds base);
};

struct QualityOptions {
  QualityThresholds thresholds;
  std::map<std::string, QualityThresholds> perLanguage;  // overrides by language code
  std::vector<std::string> badWordsZh, badWordsEn;        // defaults: a small built-in list

  static QualityOptions fromJson(const Json& j, const std::string& where);
};

// Measurements a decision is based on; exposed so tests and reports can show them.
struct QualityStats {
  long chars = 0, lines = 0, units = 0;
  double meanLineChars = 0, symbolRatio = 0, digitRatio = 0, punctEndedLines = 1, duplicateLineRatio = 0,
         topNgramRatio = 0, dupNgramRatio = 0, badWordRatio = 0;
  long badWordHits = 0;
};

class QualityFilter {
public:
  explicit QualityFilter(QualityOptions options = defaultOptions());
  static QualityOptions defaultOptions();

  QualityStats measure(std::string_view text, const std::string& lang) const;
  // Empty when the document passes, else the first failing rule's name.
  std::string check(std::string_view text, const std::string& lang) const;
  // Every failing rule, for diagnostics.
  std::vector<std::string> failures(std::string_view text, const std::string& lang) const;

  static const std::vector<std::string>& ruleNames();

private:
  const QualityThresholds& thresholdsFor(const std::string& lang) const;
  QualityOptions options_;
};

}  // namespace mindllm::data
