#include "training/data/quality_filter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utf8.h"
#include "training/data/hashing.h"
#include "training/data/text_cleaner.h"

namespace mindllm::data {
namespace {

// A unit is a Latin/digit word (lower-cased) or a single character of any other letter script.
struct Unit {
  std::string text;
  long chars;
};

std::vector<Unit> splitUnits(const std::vector<char32_t>& cps) {
  std::vector<Unit> units;
  std::string word;
  long wordChars = 0;
  auto flush = [&]() {
    if (!word.empty()) units.push_back({word, wordChars});
    word.clear();
    wordChars = 0;
  };
  for (char32_t c : cps) {
    if (c < 128 && std::isalnum(static_cast<int>(c))) {
      word += static_cast<char>(std::tolower(static_cast<int>(c)));
      ++wordChars;
    } else if (c >= 128 && u_isalnum(static_cast<UChar32>(c)) && !isHan(c) && u_charType(static_cast<UChar32>(c)) != U_OTHER_LETTER) {
      utf8::append(word, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));  // accented Latin etc.
      ++wordChars;
    } else {
      flush();
      if (isHan(c) || u_isalnum(static_cast<UChar32>(c))) {
        std::string s;
        utf8::append(s, c);
        units.push_back({s, 1});
      }
    }
  }
  flush();
  return units;
}

bool endsWithPunctuation(const std::vector<char32_t>& line) {
  static const std::u32string marks = U".!?\"')]:;。！？…：；）》」』”’";
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    if (*it == ' ') continue;
    return marks.find(*it) != std::u32string::npos;
  }
  return false;
}

bool isSymbol(char32_t c) {
  if (c == '#' || c == U'…') return true;
  const int8_t t = u_charType(static_cast<UChar32>(c));
  return t == U_MATH_SYMBOL || t == U_CURRENCY_SYMBOL || t == U_MODIFIER_SYMBOL || t == U_OTHER_SYMBOL;
}

std::vector<std::string> defaultBadWordsZh() {
  return {"色情", "裸聊", "成人视频", "赌博", "博彩", "六合彩", "一夜情", "代开发票", "约炮", "黄色网站"};
}

std::vector<std::string> defaultBadWordsEn() {
  return {"porn", "porno", "xxx", "casino", "viagra", "nude", "nudes", "escort", "hentai", "camgirl"};
}

std::vector<std::string> readWordList(const std::string& path) {
  std::vector<std::string> words;
  std::string text = readFile(path);
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string w = text.substr(start, nl - start);
    while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.pop_back();
    if (!w.empty() && w[0] != '#') words.push_back(w);
    start = nl + 1;
  }
  return words;
}

}  // namespace

QualityThresholds QualityThresholds::fromJson(const Json& j, const std::string& where, QualityThresholds t) {
  t.minChars = optionalField<long>(j, "min_chars", t.minChars, where);
  t.maxChars = optionalField<long>(j, "max_chars", t.maxChars, where);
  t.minMeanLineChars = optionalField<double>(j, "min_mean_line_chars", t.minMeanLineChars, where);
  t.maxMeanLineChars = optionalField<double>(j, "max_mean_line_chars", t.maxMeanLineChars, where);
  t.maxSymbolRatio = optionalField<double>(j, "max_symbol_ratio", t.maxSymbolRatio, where);
  t.maxDigitRatio = optionalField<double>(j, "max_digit_ratio", t.maxDigitRatio, where);
  t.minPunctEndedLines = optionalField<double>(j, "min_punct_ended_lines", t.minPunctEndedLines, where);
  t.maxDuplicateLineRatio = optionalField<double>(j, "max_duplicate_line_ratio", t.maxDuplicateLineRatio, where);
  t.topNgramN = optionalField<int>(j, "top_ngram_n", t.topNgramN, where);
  t.maxTopNgramRatio = optionalField<double>(j, "max_top_ngram_ratio", t.maxTopNgramRatio, where);
  t.dupNgramN = optionalField<int>(j, "dup_ngram_n", t.dupNgramN, where);
  t.maxDupNgramRatio = optionalField<double>(j, "max_dup_ngram_ratio", t.maxDupNgramRatio, where);
  t.maxBadWordRatio = optionalField<double>(j, "max_bad_word_ratio", t.maxBadWordRatio, where);
  if (t.topNgramN < 1 || t.dupNgramN < 1) throw Error(where + ": n-gram sizes must be >= 1");
  return t;
}

QualityOptions QualityOptions::fromJson(const Json& j, const std::string& where) {
  QualityOptions o = QualityFilter::defaultOptions();
  o.thresholds = QualityThresholds::fromJson(j, where, o.thresholds);
  if (auto it = j.find("per_language"); it != j.end()) {
    if (!it->is_object()) throw Error(where + ": field 'per_language' must be an object");
    for (const auto& [lang, overrides] : it->items())
      o.perLanguage[lang] = QualityThresholds::fromJson(overrides, where + ": per_language." + lang, o.thresholds);
  }
  const std::string zh = optionalField<std::string>(j, "bad_words_zh_file", "", where);
  const std::string en = optionalField<std::string>(j, "bad_words_en_file", "", where);
  if (!zh.empty()) o.badWordsZh = readWordList(zh);
  if (!en.empty()) o.badWordsEn = readWordList(en);
  return o;
}

QualityOptions QualityFilter::defaultOptions() {
  QualityOptions o;
  o.badWordsZh = defaultBadWordsZh();
  o.badWordsEn = defaultBadWordsEn();
  return o;
}

QualityFilter::QualityFilter(QualityOptions options) : options_(std::move(options)) {
  for (auto& w : options_.badWordsEn)
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
}

const std::vector<std::string>& QualityFilter::ruleNames() {
  static const std::vector<std::string> names = {"too_short",      "too_long",        "mean_line_length",
                                                 "symbol_ratio",   "digit_ratio",     "line_end_punctuation",
                                                 "repeated_lines", "top_ngram",       "repeated_ngrams",
                                                 "bad_words"};
  return names;
}

const QualityThresholds& QualityFilter::thresholdsFor(const std::string& lang) const {
  auto it = options_.perLanguage.find(lang);
  return it == options_.perLanguage.end() ? options_.thresholds : it->second;
}

QualityStats QualityFilter::measure(std::string_view text, const std::string& lang) const {
  const QualityThresholds& t = thresholdsFor(lang);
  QualityStats s;
  const std::vector<char32_t> cps = utf8::decode(text);
  long nonSpace = 0, symbols = 0, digits = 0;
  for (char32_t c : cps) {
    if (c == ' ' || c == '\n' || c == '\t') continue;
    ++nonSpace;
    if (isSymbol(c)) ++symbols;
    if (u_isdigit(static_cast<UChar32>(c))) ++digits;
  }
  s.chars = nonSpace;
  s.symbolRatio = nonSpace ? static_cast<double>(symbols) / nonSpace : 0;
  s.digitRatio = nonSpace ? static_cast<double>(digits) / nonSpace : 0;

  // Lines: mean length, punctuation at the end, exact repeats.
  std::vector<char32_t> line;
  long lineChars = 0, punctEnded = 0, duplicates = 0;
  std::unordered_set<std::string> seen;
  auto endLine = [&]() {
    bool blank = std::all_of(line.begin(), line.end(), [](char32_t c) { return c == ' ' || c == '\t'; });
    if (!blank) {
      ++s.lines;
      lineChars += static_cast<long>(line.size());
      if (endsWithPunctuation(line)) ++punctEnded;
      if (!seen.insert(utf8::encode(line)).second) ++duplicates;
    }
    line.clear();
  };
  for (char32_t c : cps) {
    if (c == '\n') {
      endLine();
    } else {
      line.push_back(c);
    }
  }
  endLine();
  s.meanLineChars = s.lines ? static_cast<double>(lineChars) / s.lines : 0;
  s.punctEndedLines = s.lines ? static_cast<double>(punctEnded) / s.lines : 1;
  s.duplicateLineRatio = s.lines ? static_cast<double>(duplicates) / s.lines : 0;

  // N-grams over units, weighted by characters (Gopher's "fraction of characters in ...").
  const std::vector<Unit> units = splitUnits(cps);
  s.units = static_cast<long>(units.size());
  long unitChars = 0;
  std::vector<uint64_t> unitHash(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    unitChars += units[i].chars;
    unitHash[i] = hash64(units[i].text);
  }
  auto ngramHash = [&](size_t i, int n) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < n; ++k) h = mix64(h ^ unitHash[i + static_cast<size_t>(k)]) + static_cast<uint64_t>(k);
    return h;
  };
  if (unitChars > 0 && units.size() >= static_cast<size_t>(t.topNgramN) + 1) {
    std::unordered_map<uint64_t, std::pair<long, long>> counts;  // hash -> (count, chars of one occurrence)
    for (size_t i = 0; i + static_cast<size_t>(t.topNgramN) <= units.size(); ++i) {
      auto& e = counts[ngramHash(i, t.topNgramN)];
      if (e.first++ == 0)
        for (int k = 0; k < t.topNgramN; ++k) e.second += units[i + static_cast<size_t>(k)].chars;
    }
    long best = 0;
    for (const auto& [h, e] : counts)
      if (e.first > 1) best = std::max(best, e.first * e.second);
    s.topNgramRatio = static_cast<double>(best) / unitChars;
  }
  if (unitChars > 0 && units.size() >= static_cast<size_t>(t.dupNgramN)) {
    std::unordered_map<uint64_t, int> counts;
    const size_t n = static_cast<size_t>(t.dupNgramN);
    for (size_t i = 0; i + n <= units.size(); ++i) ++counts[ngramHash(i, t.dupNgramN)];
    std::vector<char> covered(units.size(), 0);
    for (size_t i = 0; i + n <= units.size(); ++i)
      if (counts[ngramHash(i, t.dupNgramN)] > 1) std::fill(covered.begin() + i, covered.begin() + i + n, 1);
    long dupChars = 0;
    for (size_t i = 0; i < units.size(); ++i)
      if (covered[i]) dupChars += units[i].chars;
    s.dupNgramRatio = static_cast<double>(dupChars) / unitChars;
  }

  // Bad words: whole words for English, substrings for Chinese.
  for (const auto& u : units)
    if (std::find(options_.badWordsEn.begin(), options_.badWordsEn.end(), u.text) != options_.badWordsEn.end())
      ++s.badWordHits;
  for (const auto& w : options_.badWordsZh)
    for (size_t pos = text.find(w); pos != std::string_view::npos; pos = text.find(w, pos + w.size())) ++s.badWordHits;
  s.badWordRatio = s.units ? static_cast<double>(s.badWordHits) / s.units : 0;
  return s;
}

std::vector<std::string> QualityFilter::failures(std::string_view text, const std::string& lang) const {
  const QualityThresholds& t = thresholdsFor(lang);
  const QualityStats s = measure(text, lang);
  std::vector<std::string> failed;
  if (s.chars < t.minChars) failed.push_back("too_short");
  if (s.chars > t.maxChars) failed.push_back("too_long");
  if (s.meanLineChars < t.minMeanLineChars || s.meanLineChars > t.maxMeanLineChars)
    failed.push_back("mean_line_length");
  if (s.symbolRatio > t.maxSymbolRatio) failed.push_back("symbol_ratio");
  if (s.digitRatio > t.maxDigitRatio) failed.push_back("digit_ratio");
  if (s.lines >= 3 && s.punctEndedLines < t.minPunctEndedLines) failed.push_back("line_end_punctuation");
  if (s.duplicateLineRatio > t.maxDuplicateLineRatio) failed.push_back("repeated_lines");
  if (s.topNgramRatio > t.maxTopNgramRatio) failed.push_back("top_ngram");
  if (s.dupNgramRatio > t.maxDupNgramRatio) failed.push_back("repeated_ngrams");
  if (s.badWordRatio > t.maxBadWordRatio) failed.push_back("bad_words");
  return failed;
}

std::string QualityFilter::check(std::string_view text, const std::string& lang) const {
  std::vector<std::string> failed = failures(text, lang);
  return failed.empty() ? std::string() : failed.front();
}

}  // namespace mindllm::data
