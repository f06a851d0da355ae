// The per-document stages: cleaning (HTML, NFKC, invisibles, whitespace, punctuation policy),
// script-based language identification, and the quality filter rule by rule.
#include <QtTest>

#include "core/util/error.h"
#include "training/data/language_id.h"
#include "training/data/quality_filter.h"
#include "training/data/text_cleaner.h"

using namespace mindllm::data;

namespace {

// Ordinary prose that passes every rule with the default thresholds.
const std::string kGoodEn =
    "The court of appeal reviewed the contract dispute between the two companies last spring.\n"
    "It found that the supplier had delivered the goods late and that the buyer had paid only part of the price.\n"
    "Both parties agreed that the written agreement governed their relationship, but they read the penalty clause "
    "differently.\n"
    "The judges held that a clause which fixes damages in advance is valid when the amount is a fair estimate of "
    "the likely loss.\n"
    "Because the estimate in this case was reasonable, the buyer was ordered to pay the balance with interest.";

const std::string kGoodZh =
    "上诉法院审理了两家公司之间的合同纠纷。法院认为，供货方迟延交付货物，而买方只支付了部分价款。\n"
    "双方均同意书面协议约束彼此的关系，但对违约金条款的理解存在分歧。\n"
    "法官指出，事先约定损害赔偿数额的条款，在数额合理反映可能损失时有效。\n"
    "由于本案约定的数额较为合理，法院判决买方支付剩余价款及相应利息。";

std::vector<std::string> failuresOf(const QualityFilter& f, const std::string& text, const std::string& lang) {
  return f.failures(text, lang);
}

template <typename F>
bool throwsError(F f) {
  try {
    f();
  } catch (const mindllm::Error&) {
    return true;
  }
  return false;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

}  // namespace

class TestTextStages : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void cleanerNormalisesNfkc() {
    TextCleaner c;
    QCOMPARE(c.clean("ＡＢＣ１２３ ﬁne"), std::string("ABC123 fine"));
  }

  void cleanerStripsHtmlButNotLookalikes() {
    TextCleaner c;
    QCOMPARE(c.clean("<p>Hello&nbsp;<b>world</b></p>&amp; more"), std::string("Hello world\n& more"));
    QCOMPARE(c.clean("<script type=\"x\">var a = 1 < 2;</script>Text<!-- hidden -->."), std::string("Text."));
    QCOMPARE(c.clean("if a < b and c > d then"), std::string("if a < b and c > d then"));
    QCOMPARE(c.clean("Write to <EMAIL> today"), std::string("Write to <EMAIL> today"));
    QCOMPARE(c.clean("&#20013;&#x6587; &unknown; &"), std::string("中文 &unknown; &"));
  }

  void cleanerRemovesInvisibleAndControlCharacters() {
    TextCleaner c;
    QCOMPARE(c.clean("ab\u200Bc\x07" "d\uFEFF\u00AD"), std::string("abcd"));
    QCOMPARE(c.clean(std::string("ok\xFF\xFE" "fine")), std::string("okfine"));  // invalid UTF-8
  }

  void cleanerNormalisesWhitespace() {
    TextCleaner c;
    QCOMPARE(c.clean("  a  \t b\r\n\r\n\r\n\nc  \u3000d  "), std::string("a b\n\nc d"));
    CleanOptions tight;
    tight.maxBlankLines = 0;
    QCOMPARE(TextCleaner(tight).clean("a\n\n\nb"), std::string("a\nb"));
  }

  void punctuationPolicies() {
    TextCleaner zh;  // default zh_fullwidth: NFKC folds ，to , and the policy restores it next to Han
    QCOMPARE(zh.clean("你好，世界！他说(很好)。"), std::string("你好，世界！他说（很好）。"));
    QCOMPARE(zh.clean("圆周率约为3.14,版本v1.2"), std::string("圆周率约为3.14,版本v1.2"));
    QCOMPARE(zh.clean("Hello, world! (fine)"), std::string("Hello, world! (fine)"));
    CleanOptions half;
    half.punctuation = "halfwidth";
    QCOMPARE(TextCleaner(half).clean("你好，世界。“好”"), std::string("你好,世界.\"好\""));
    CleanOptions keep;
    keep.punctuation = "keep";
    QCOMPARE(TextCleaner(keep).clean("你好，世界"), std::string("你好,世界"));
  }

  void cleanerOptionsFromJsonRejectBadValues() {
    QVERIFY(throwsError([] { CleanOptions::fromJson({{"punctuation", "wide"}}, "cfg"); }));
  }

  void languageIdentification() {
    QCOMPARE(identifyLanguage(kGoodZh), std::string("zh"));
    QCOMPARE(identifyLanguage(kGoodEn), std::string("en"));
    QCOMPARE(identifyLanguage("我们使用 PyTorch 和 CUDA 来训练 large language models 模型"), std::string("mixed"));
    QCOMPARE(identifyLanguage("これは日本語の文章です。漢字もあります。"), std::string("other"));
    QCOMPARE(identifyLanguage("Это русский текст о праве и финансах."), std::string("other"));
    QCOMPARE(identifyLanguage("12345 67890 !!!"), std::string("other"));
    // A single foreign word does not change an English document's language.
    QCOMPARE(identifyLanguage(kGoodEn + " 안녕"), std::string("en"));
  }

  void goodDocumentsPassEveryRule() {
    QualityFilter f;
    QCOMPARE(failuresOf(f, kGoodEn, "en"), std::vector<std::string>{});
    QCOMPARE(failuresOf(f, kGoodZh, "zh"), std::vector<std::string>{});
  }

  void eachRuleDropsItsPlantedCase() {
    QualityFilter f;
    using V = std::vector<std::string>;
    QCOMPARE(failuresOf(f, "Too short to keep.", "en"), V{"too_short"});

    QualityOptions small = QualityFilter::defaultOptions();
    small.thresholds.maxChars = 200;
    QCOMPARE(failuresOf(QualityFilter(small), kGoodEn, "en"), V{"too_long"});

    const std::string shortLines = joinLines({"Ok go.", "We ran.", "I sat.", "He ate.", "You won.", "Be calm.", "Try it.",
                                              "Say so.", "Row on.", "Aim up.", "Act now.", "Pay up."});
    QCOMPARE(failuresOf(f, shortLines, "en"), V{"mean_line_length"});

    std::string starry = kGoodEn;
    for (int i = 0; i < 90; ++i) starry += (i % 2 ? " ★" : " #");
    QCOMPARE(failuresOf(f, starry + ".", "en"), V{"symbol_ratio"});

    std::string numbers = kGoodEn + "\nFigures:";
    unsigned v = 12345;
    for (int i = 0; i < 60; ++i) {
      v = v * 1103515245u + 12345u;
      numbers += " " + std::to_string(v % 1000000);
    }
    QCOMPARE(failuresOf(f, numbers + ".", "en"), V{"digit_ratio"});

    const std::string noPunct = joinLines({"the quick brown fox jumps over the lazy dog", "a list of items without any end",
                                           "another heading line for the menu", "contact us about our services today",
                                           "read more articles in this section"});
    QCOMPARE(failuresOf(f, noPunct, "en"), V{"line_end_punctuation"});

    std::string repeated = kGoodEn;
    for (int i = 0; i < 4; ++i) repeated += "\nClick here to subscribe.\nShare this page.";
    QCOMPARE(f.check(repeated, "en"), std::string("repeated_lines"));

    std::string spammy;
    const char* fillers[] = {"cheap", "fast", "today", "online", "deals", "offers", "shoes", "phones", "bags", "watches"};
    for (int i = 0; i < 30; ++i) spammy += std::string(i ? " " : "") + "buy now " + fillers[i % 10] + " " + fillers[(i * 7 + 3) % 10] + ".";
    QCOMPARE(f.check(spammy, "en"), std::string("top_ngram"));

    std::string echoed = kGoodEn;
    for (int i = 0; i < 4; ++i) echoed += "\nNote " + std::to_string(i) + ": the seller must deliver the goods on time and in full.";
    QCOMPARE(failuresOf(f, echoed, "en"), V{"repeated_ngrams"});

    QCOMPARE(failuresOf(f, kGoodEn + " Visit our casino for porn and viagra deals.", "en"), V{"bad_words"});
    QCOMPARE(failuresOf(f, kGoodZh + "本站提供赌博、博彩和色情服务。", "zh"), V{"bad_words"});
  }

  void mentioningABadWordOnceInALongTextIsKept() {
    QualityFilter f;
    QCOMPARE(f.check(kGoodZh + "刑法规定了赌博罪。" + kGoodZh.substr(0, 60) + "。", "zh"), std::string());
  }

  void thresholdsAreConfigurablePerLanguage() {
    const QualityOptions o = QualityOptions::fromJson(
        {{"min_chars", 200}, {"per_language", {{"zh", {{"min_chars", 20}}}}}}, "filter.json");
    QualityFilter f(o);
    const std::string zhShort = "法院判决买方支付剩余价款及相应利息，并承担本案的诉讼费用。";
    QCOMPARE(f.check(zhShort, "zh"), std::string());
    QCOMPARE(f.check(zhShort, "en"), std::string("too_short"));
    QVERIFY(throwsError([] { QualityOptions::fromJson({{"min_chars", "many"}}, "filter.json"); }));
  }
};

QTEST_APPLESS_MAIN(TestTextStages)
#include "test_text_stages.moc"
