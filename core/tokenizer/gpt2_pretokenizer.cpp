#include "core/tokenizer/gpt2_pretokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <string>

#include "core/util/error.h"

namespace mindllm {
namespace {

// Hugging Face's regex is
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// run by Oniguruma, whose \s is White_Space-like: \t..\r, U+0085 and the Z categories. PCRE2's
// UCP \s also matches U+180E, so \s is spelled out to give the same pieces.
constexpr const char* kPattern =
    "'s|'t|'re|'ve|'m|'ll|'d"
    "| ?\\p{L}+| ?\\p{N}+"
    "| ?[^\\t-\\r\\x{85}\\p{Z}\\p{L}\\p{N}]+"
    "|[\\t-\\r\\x{85}\\p{Z}]+(?![^\\t-\\r\\x{85}\\p{Z}])"
    "|[\\t-\\r\\x{85}\\p{Z}]+";

struct MatchDataDeleter {
  void operator()(pcre2_match_data* m) const { pcre2_match_data_free(m); }
};

}  // namespace

struct Gpt2PreTokenizer::Impl {
  pcre2_code* code = nullptr;
};

Gpt2PreTokenizer::Gpt2PreTokenizer() : impl_(new Impl) {
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kPattern), PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, nullptr);
  if (!impl_->code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(errorCode, message, sizeof message);
    delete impl_;
    throw Error("GPT-2 pre-tokenizer regex at offset " + std::to_string(errorOffset) + ": " +
                reinterpret_cast<const char*>(message));
  }
  // JIT is a speed-up only; the interpreter gives the same matches if it is unavailable.
  pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE);
}

Gpt2PreTokenizer::~Gpt2PreTokenizer() {
  pcre2_code_free(impl_->code);
  delete impl_;
}

void Gpt2PreTokenizer::split(std::string_view text, const std::function<void(std::string_view)>& piece) const {
  std::unique_ptr<pcre2_match_data, MatchDataDeleter> match(
      pcre2_match_data_create_from_pattern(impl_->code, nullptr));
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  size_t offset = 0;
  while (offset < text.size()) {
    // The caller guarantees valid UTF-8, so PCRE2 need not check it again at every offset.
    const int rc = pcre2_match(impl_->code, subject, text.size(), offset, PCRE2_NO_UTF_CHECK, match.get(), nullptr);
    if (rc < 0) {
      if (rc == PCRE2_ERROR_NOMATCH) break;  // cannot happen: the last two branches match any char
      throw Error("GPT-2 pre-tokenizer: PCRE2 match error " + std::to_string(rc));
    }
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(match.get());
    if (ov[0] > offset) piece(text.substr(offset, ov[0] - offset));  // unmatched text stays a piece
    offset = ov[0];
    if (ov[1] == ov[0]) break;  // cannot happen (no branch matches empty); never loop forever
    piece(text.substr(ov[0], ov[1] - ov[0]));
    offset = ov[1];
  }
  if (offset < text.size()) piece(text.substr(offset));
}

std::vector<std::string_view> Gpt2PreTokenizer::split(std::string_view text) const {
  std::vector<std::string_view> out;
  split(text, [&](std::string_view p) { out.push_back(p); });
  return out;
}

}  // namespace mindllm
