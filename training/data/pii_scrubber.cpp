#include "training/data/pii_scrubber.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <arpa/inet.h>
#include <pcre2.h>

#include <algorithm>
#include <vector>

#include "core/util/error.h"

namespace mindllm::data {
namespace {

// Each pattern finds candidates; validators decide. Lookarounds keep a match from starting or
// ending inside a longer number, so part of a 20-digit serial is never taken for a phone.
const char* const kPatterns[kPiiKinds] = {
    // Email
    R"([A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})",
    // IPv6 candidate: hex groups with colons; validated with inet_pton.
    // Letters around it rule out C++ scopes ("std::vector"); a dot then digit, IPv4-in-IPv6 tails.
    R"((?<![0-9A-Za-z:.])(?=[:0-9A-Fa-f]*[0-9A-Fa-f])(?:[0-9A-Fa-f]{1,4}:|:)(?::|[0-9A-Fa-f]{1,4}:){1,7}(?::|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z:]|\.[0-9]))",
    // IPv4 with octet ranges.
    R"((?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9]|\.[0-9]))",
    // Chinese resident ID: 18 characters, validated below.
    R"((?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z]))",
    // Bank card: 13-19 digits, optionally grouped by single spaces or dashes; Luhn below.
    R"((?<![0-9])[1-9](?:[ -]?[0-9]){12,18}(?![0-9]))",
    // Phones: CN mobile (+86 optional), CN landline with area code, international (+cc ...),
    // North American (xxx) xxx-xxxx / xxx-xxx-xxxx.
    R"((?<![0-9+])(?:(?:\+|00)86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9]))"
    R"(|(?<![0-9])(?:\(0[0-9]{2,3}\)[ ]?|0[0-9]{2,3}[ -])[0-9]{7,8}(?![0-9]))"
    R"(|(?<![0-9A-Za-z])\+[1-9][0-9]{0,2}[ .-]?(?:\([0-9]{1,4}\)[ .-]?)?[0-9]{1,4}(?:[ .-]?[0-9]{2,5}){1,4}(?![0-9]))"
    R"(|(?<![0-9])(?:\([0-9]{3}\)[ ]?|[0-9]{3}-)[0-9]{3}-[0-9]{4}(?![0-9]))",
};

std::string digitsOnly(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

}  // namespace

const char* piiPlaceholder(PiiKind kind) {
  switch (kind) {
    case PiiKind::Email: return "<EMAIL>";
    case PiiKind::Ipv6: case PiiKind::Ipv4: return "<IP>";
    case PiiKind::IdCard: return "<ID_CARD>";
    case PiiKind::BankCard: return "<BANK_CARD>";
    case PiiKind::Phone: return "<PHONE>";
  }
  return "<PII>";
}

const char* piiName(PiiKind kind) {
  static const char* const names[kPiiKinds] = {"email", "ipv6", "ipv4", "id_card", "bank_card", "phone"};
  return names[static_cast<int>(kind)];
}

long PiiCounts::total() const {
  long n = 0;
  for (long v : found) n += v;
  return n;
}

bool isValidChineseId(std::string_view id) {
  if (id.size() != 18) return false;
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char checks[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[static_cast<size_t>(i)] < '0' || id[static_cast<size_t>(i)] > '9') return false;
    sum += (id[static_cast<size_t>(i)] - '0') * weights[i];
  }
  const char last = static_cast<char>(id[17] == 'x' ? 'X' : id[17]);
  if (checks[sum % 11] != last) return false;
  // Birth date YYYYMMDD at offset 6, within a plausible range.
  const int year = std::stoi(std::string(id.substr(6, 4)));
  const int month = std::stoi(std::string(id.substr(10, 2)));
  const int day = std::stoi(std::string(id.substr(12, 2)));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool passesLuhn(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool doubleIt = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (doubleIt) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubleIt = !doubleIt;
  }
  return sum % 10 == 0;
}

bool isValidIpv6(const std::string& text) {
  in6_addr addr;
  // A clock time like "12:30:45" does not parse. Short forms such as "a::b" (code, not an
  // address) do, so also ask for three groups or one full-looking group ("fe80::1").
  if (inet_pton(AF_INET6, text.c_str(), &addr) != 1) return false;
  int groups = 0;
  size_t longest = 0, run = 0;
  for (char c : text + ":") {
    if (c == ':') {
      if (run > 0) ++groups;
      longest = std::max(longest, run);
      run = 0;
    } else {
      ++run;
    }
  }
  return groups >= 3 || longest >= 3;
}

struct PiiScrubber::Pattern {
  pcre2_code* code = nullptr;
  ~Pattern() {
    if (code) pcre2_code_free(code);
  }
};

PiiScrubber::PiiScrubber() {
  for (int k = 0; k < kPiiKinds; ++k) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    auto p = std::make_unique<Pattern>();
    p->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kPatterns[k]), PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error,
                            &offset, nullptr);
    if (!p->code) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(error, msg, sizeof msg);
      throw Error(std::string("PII pattern ") + piiName(static_cast<PiiKind>(k)) + " at " + std::to_string(offset) +
                  ": " + reinterpret_cast<const char*>(msg));
    }
    pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);  // best effort; falls back to the interpreter
    patterns_[static_cast<size_t>(k)] = std::move(p);
  }
}

PiiScrubber::~PiiScrubber() = default;

std::string PiiScrubber::scrub(std::string_view input, PiiCounts* counts) const {
  std::string text(input);
  for (int k = 0; k < kPiiKinds; ++k) {
    const PiiKind kind = static_cast<PiiKind>(k);
    pcre2_code* code = patterns_[static_cast<size_t>(k)]->code;
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    std::string out;
    size_t pos = 0, copied = 0;
    while (pos <= text.size()) {
      const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), pos,
                                 PCRE2_NO_UTF_CHECK, md, nullptr);
      if (rc < 0) break;
      const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
      const size_t start = ov[0], end = ov[1];
      const std::string match = text.substr(start, end - start);
      bool valid = true;
      if (kind == PiiKind::IdCard) valid = isValidChineseId(match);
      if (kind == PiiKind::BankCard) {
        const std::string d = digitsOnly(match);
        valid = d.size() >= 13 && d.size() <= 19 && passesLuhn(d);
      }
      if (kind == PiiKind::Ipv6) valid = isValidIpv6(match);
      if (kind == PiiKind::Phone && match[0] == '+') {
        const size_t n = digitsOnly(match).size();
        valid = n >= 8 && n <= 15;  // E.164 allows at most 15 digits
      }
      if (valid) {
        out.append(text, copied, start - copied);
        out += piiPlaceholder(kind);
        copied = end;
        if (counts) ++counts->found[static_cast<size_t>(k)];
      }
      if (end > start) {
        pos = valid ? end : start + 1;
      } else {
        pos = end + 1;
      }
      // Stay on a character boundary when stepping past a rejected candidate.
      while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    }
    pcre2_match_data_free(md);
    if (copied > 0) {
      out.append(text, copied, std::string::npos);
      text.swap(out);
    }
  }
  return text;
}

}  // namespace mindllm::data
