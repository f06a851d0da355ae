#pragma once
// The clean stage: HTML remnants out, Unicode NFKC (ICU), control and invisible characters out,
// whitespace and line breaks normalised, and a punctuation width policy. NFKC folds full-width
// punctuation to ASCII, which is wrong for Chinese prose, so the default policy puts the
// full-width forms back where a Han character is next to the mark.
#include <string>
#include <string_view>

#include "core/util/json_file.h"

namespace mindllm::data {

struct CleanOptions {
  bool stripHtml = true;
  bool nfkc = true;
  bool removeControl = true;                 // C0/C1 controls (not \n, \t), format chars (ZWSP, BOM, ...), U+FFFD
  std::string punctuation = "zh_fullwidth";  // "keep", "halfwidth", "zh_fullwidth"
  int maxBlankLines = 1;                     // consecutive empty lines kept between paragraphs

  static CleanOptions fromJson(const Json& j, const std::string& where);
};

class TextCleaner {
public:
  explicit TextCleaner(CleanOptions options = {});
  // Thread-safe. Returns the cleaned text (possibly empty).
  std::string clean(std::string_view text) const;

private:
  CleanOptions options_;
  const void* nfkc_ = nullptr;  // icu::Normalizer2*, owned by ICU
};

// Exposed for tests: the individual steps.
std::string stripHtml(std::string_view text);
bool isHan(char32_t c);

}  // namespace mindllm::data
