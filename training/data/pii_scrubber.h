#pragma once
// The PII stage: finds e-mail addresses, phone numbers (mainland China and international),
// Chinese resident ID numbers (checksum and birth date validated), bank card numbers (Luhn
// validated) and IPv4/IPv6 addresses, and replaces each with a typed placeholder: <EMAIL>,
// <PHONE>, <ID_CARD>, <BANK_CARD>, <IP>. Numbers that only look like an ID or a card (bad
// checksum) are left alone, so order numbers and statistics survive.
#include <array>
#include <memory>
#include <string>
#include <string_view>

namespace mindllm::data {

enum class PiiKind { Email, Ipv6, Ipv4, IdCard, BankCard, Phone };
constexpr int kPiiKinds = 6;
const char* piiPlaceholder(PiiKind kind);
const char* piiName(PiiKind kind);  // "email", "ipv6", ...

struct PiiCounts {
  std::array<long, kPiiKinds> found{};
  long total() const;
};

class PiiScrubber {
public:
  PiiScrubber();
  ~PiiScrubber();
  PiiScrubber(const PiiScrubber&) = delete;
  PiiScrubber& operator=(const PiiScrubber&) = delete;

  // Thread-safe. Returns the text with PII replaced; adds what it found to `counts`.
  std::string scrub(std::string_view text, PiiCounts* counts = nullptr) const;

private:
  struct Pattern;
  std::array<std::unique_ptr<Pattern>, kPiiKinds> patterns_;
};

// Validators, exposed for tests.
bool isValidChineseId(std::string_view id18);  // 17 digits + check digit or X, plausible birth date
bool passesLuhn(std::string_view digits);
bool isValidIpv6(const std::string& text);

}  // namespace mindllm::data
