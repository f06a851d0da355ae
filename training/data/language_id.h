#pragma once
// Script-based language identification for the bilingual corpus: counts Han characters against
// Latin words (a Chinese character carries about as much as an English word). Kana or Hangul
// mark Japanese/Korean, which the pipeline routes to "other" with everything it cannot place.
#include <string>
#include <string_view>

#include "core/util/json_file.h"

namespace mindllm::data {

struct LanguageIdOptions {
  double minShare = 0.7;  // share of units (Han chars + Latin words) a language needs to win
  int minUnits = 3;       // fewer units than this: "other"
  static LanguageIdOptions fromJson(const Json& j, const std::string& where);
};

struct ScriptCounts {
  long han = 0, latinWords = 0, kanaHangul = 0, otherLetters = 0;
};

ScriptCounts countScripts(std::string_view text);

// "zh", "en", "mixed" or "other".
std::string identifyLanguage(std::string_view text, const LanguageIdOptions& options = {});

}  // namespace mindllm::data
