#include "training/data/language_id.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "core/util/utf8.h"
#include "training/data/text_cleaner.h"

namespace mindllm::data {

LanguageIdOptions LanguageIdOptions::fromJson(const Json& j, const std::string& where) {
  LanguageIdOptions o;
  o.minShare = optionalField<double>(j, "min_share", o.minShare, where);
  o.minUnits = optionalField<int>(j, "min_units", o.minUnits, where);
  return o;
}

ScriptCounts countScripts(std::string_view text) {
  ScriptCounts n;
  bool inLatinWord = false;
  for (char32_t c : utf8::decode(text)) {
    bool latin = false;
    if (c < 128) {
      latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    } else if (isHan(c)) {
      ++n.han;
    } else if (u_isalpha(static_cast<UChar32>(c))) {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
      if (script == USCRIPT_LATIN) {
        latin = true;
      } else if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL) {
        ++n.kanaHangul;
      } else {
        ++n.otherLetters;
      }
    }
    if (latin && !inLatinWord) ++n.latinWords;
    inLatinWord = latin;
  }
  return n;
}

std::string identifyLanguage(std::string_view text, const LanguageIdOptions& options) {
  const ScriptCounts n = countScripts(text);
  // Other scripts count a letter each; a Japanese text has Han but also kana.
  const double units = static_cast<double>(n.han + n.latinWords + n.kanaHangul + n.otherLetters / 4);
  if (units < options.minUnits) return "other";
  if (n.kanaHangul >= 0.1 * units) return "other";
  if (n.han / units >= options.minShare) return "zh";
  if (n.latinWords / units >= options.minShare) return "en";
  if ((n.han + n.latinWords) / units >= options.minShare) return "mixed";
  return "other";
}

}  // namespace mindllm::data
