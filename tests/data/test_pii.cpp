// PII removal with planted cases of every kind in Chinese and English text, and look-alike
// numbers (bad checksums, times, versions, dates) that must survive untouched.
#include <QtTest>

#include "training/data/pii_scrubber.h"

using namespace mindllm::data;

namespace {

struct Planted {
  std::string text;
  std::vector<std::string> secrets;  // must all disappear
  std::string placeholder;           // must appear once per secret
};

const std::vector<Planted> kPlanted = {
    {"请联系张三，邮箱：zhang.san@example.com。", {"zhang.san@example.com"}, "<EMAIL>"},
    {"Write to john_doe+news@mail.co.uk or ops@corp-x.io today.", {"john_doe+news@mail.co.uk", "ops@corp-x.io"}, "<EMAIL>"},
    {"他的手机号是13812345678，备用+86 139 1234 5678。", {"13812345678", "+86 139 1234 5678"}, "<PHONE>"},
    {"办公室电话010-62345678，传真(0755)83345678。", {"010-62345678", "(0755)83345678"}, "<PHONE>"},
    {"Call +1 (415) 555-2671 or +44 20 7946 0958, or (415) 555-2671.",
     {"+1 (415) 555-2671", "+44 20 7946 0958", "(415) 555-2671"}, "<PHONE>"},
    {"身份证号11010519491231002X，另一人为310101199001011234。", {"11010519491231002X", "310101199001011234"}, "<ID_CARD>"},
    {"ID number 320311197003152432 was on the form.", {"320311197003152432"}, "<ID_CARD>"},
    {"银行卡号6222021234567890128，请核对。", {"6222021234567890128"}, "<BANK_CARD>"},
    {"Card 4111 1111 1111 1111 and 3566-0020-2036-0505 were charged.",
     {"4111 1111 1111 1111", "3566-0020-2036-0505"}, "<BANK_CARD>"},
    {"服务器地址192.168.1.10，网关10.0.0.1。", {"192.168.1.10", "10.0.0.1"}, "<IP>"},
    {"Ping 2001:db8::8a2e:370:7334 and fe80::1 from 8.8.8.8.", {"2001:db8::8a2e:370:7334", "fe80::1", "8.8.8.8"}, "<IP>"},
};

// Each of these looks like PII but fails its check; the text must come back unchanged.
const std::vector<std::string> kLookAlikes = {
    "身份证号110105194912310021校验位错误。",               // ID with a wrong check digit (and not Luhn)
    "订单号2023100112345已发货。",                           // 13 digits, fails Luhn
    "Card 4111 1111 1111 1112 was declined.",                  // fails Luhn
    "Serial 6225880137654321 and 1234567890123456.",           // 16 digits, fail Luhn
    "编号12345678901不是手机号。",                            // 11 digits but no mobile prefix
    "The meeting is at 12:30:45 on 2023-10-15.",               // time and date
    "Upgrade to version 1.2.3 or 256.1.1.1.",                  // not an IPv4 address
    "Use std::vector and a::b in C++.",                        // not IPv6
    "净利润为1,380,000元，增长12.5%。",                       // grouped amount
    "Contact us at support at example dot com.",              // no real address
};

}  // namespace

class TestPii : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void validators() {
    QVERIFY(isValidChineseId("11010519491231002X"));
    QVERIFY(isValidChineseId("11010519491231002x"));
    QVERIFY(!isValidChineseId("110105194912310021"));
    QVERIFY(!isValidChineseId("110105194913310029"));  // month 13 (checksum aside)
    QVERIFY(passesLuhn("4111111111111111"));
    QVERIFY(!passesLuhn("4111111111111112"));
    QVERIFY(isValidIpv6("fe80::1"));
    QVERIFY(!isValidIpv6("12:30:45"));
    QVERIFY(!isValidIpv6("a::b"));
  }

  void everyPlantedCaseIsReplaced() {
    PiiScrubber s;
    for (const auto& p : kPlanted) {
      PiiCounts counts;
      const std::string out = s.scrub(p.text, &counts);
      for (const auto& secret : p.secrets)
        QVERIFY2(out.find(secret) == std::string::npos, (p.text + " -> " + out).c_str());
      size_t n = 0;
      for (size_t pos = out.find(p.placeholder); pos != std::string::npos; pos = out.find(p.placeholder, pos + 1)) ++n;
      QVERIFY2(n == p.secrets.size(), (p.text + " -> " + out).c_str());
      QCOMPARE(counts.total(), static_cast<long>(p.secrets.size()));
    }
  }

  void surroundingTextIsKept() {
    PiiScrubber s;
    QCOMPARE(s.scrub("他的手机号是13812345678，备用+86 139 1234 5678。"), std::string("他的手机号是<PHONE>，备用<PHONE>。"));
    QCOMPARE(s.scrub("Ping 2001:db8::8a2e:370:7334 and fe80::1 from 8.8.8.8."),
             std::string("Ping <IP> and <IP> from <IP>."));
  }

  void lookAlikesAreLeftAlone() {
    PiiScrubber s;
    for (const auto& text : kLookAlikes) {
      PiiCounts counts;
      const std::string out = s.scrub(text, &counts);
      QVERIFY2(out == text, (text + " -> " + out).c_str());
      QCOMPARE(counts.total(), 0L);
    }
  }

  void countsByKind() {
    PiiScrubber s;
    PiiCounts counts;
    s.scrub("a@b.cn 13812345678 11010519491231002X 4111111111111111 1.2.3.4 fe80::1", &counts);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::Email)], 1L);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::Phone)], 1L);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::IdCard)], 1L);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::BankCard)], 1L);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::Ipv4)], 1L);
    QCOMPARE(counts.found[static_cast<size_t>(PiiKind::Ipv6)], 1L);
  }
};

QTEST_APPLESS_MAIN(TestPii)
#include "test_pii.moc"
