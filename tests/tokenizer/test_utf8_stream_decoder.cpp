// Streaming detokenization: pieces must join up to exactly what decode() gives for the whole
// list, and no piece may contain a broken character.
#include <QtTest>

#include "core/tokenizer/byte_level_bpe.h"
#include "core/tokenizer/utf8_stream_decoder.h"
#include "core/util/utf8.h"
#include "tokenizer/tokenizer_fixture.h"

using namespace mindllm;

class TestUtf8StreamDecoder : public QObject {
  Q_OBJECT
  std::unique_ptr<ByteLevelBpeTokenizer> tok_;

  // Pushes `ids` one by one; checks every piece is valid UTF-8 and returns the joined text.
  std::string stream(const std::vector<TokenId>& ids, bool skipSpecial, std::vector<std::string>* pieces = nullptr) {
    Utf8StreamDecoder dec(*tok_, skipSpecial);
    std::string all;
    for (TokenId id : ids) {
      const std::string piece = dec.push(id);
      if (!utf8::isValid(piece)) qFatal("invalid UTF-8 piece after id %d", id);
      if (pieces) pieces->push_back(piece);
      all += piece;
    }
    const std::string rest = dec.flush();
    if (!utf8::isValid(rest)) qFatal("invalid UTF-8 in flush()");
    if (pieces) pieces->push_back(rest);
    return all + rest;
  }

private Q_SLOTS:
  void initTestCase() { tok_ = ByteLevelBpeTokenizer::load(tokfix::bpeDir()); }

  void joinsToDecodeForEveryFixtureText() {
    int splitCharacters = 0;  // tokens that ended inside a character
    for (const auto& c : tokfix::cases()) {
      QCOMPARE(stream(c.ids, true), tok_->decode(c.ids, true));
      QCOMPARE(stream(c.ids, false), tok_->decode(c.ids, false));
      QCOMPARE(stream(c.ids, false), c.text);
      for (TokenId id : c.ids) splitCharacters += !utf8::isValid(tok_->tokenBytes(id));
    }
    QVERIFY2(splitCharacters > 50, "the fixture must exercise characters split across tokens");
  }

  void holdsBackAHalfCharacter() {
    // "你好" is ['ä½', 'ł', 'å', '¥', '½'] in this vocabulary: no token is a whole character.
    const auto ids = tok_->encode("你好");
    QCOMPARE(ids.size(), size_t(5));
    std::vector<std::string> pieces;
    QCOMPARE(stream(ids, true, &pieces), std::string("你好"));
    QCOMPARE(pieces, (std::vector<std::string>{"", "你", "", "", "好", ""}));
  }

  void emojiSequencesArriveWhole() {
    const std::string text = "👨‍👩‍👧‍👦 ok 🇨🇳";
    std::vector<std::string> pieces;
    QCOMPARE(stream(tok_->encode(text), true, &pieces), text);
    for (const auto& p : pieces) QVERIFY(utf8::isValid(p));
  }

  void specialTokensAreSkippedOrShown() {
    const auto ids = tok_->encode("<user>\n你好<assistant>");
    QCOMPARE(stream(ids, true), std::string("\n你好"));
    QCOMPARE(stream(ids, false), std::string("<user>\n你好<assistant>"));
  }

  void brokenBytesBecomeReplacementCharacters() {
    const TokenId lead = *tok_->tokenToId("ä");  // 0xE4 alone
    const TokenId a = *tok_->tokenToId("a");
    // A lead byte followed by ASCII can never complete: replaced at once, not held back.
    Utf8StreamDecoder dec(*tok_);
    QCOMPARE(dec.push(lead), std::string());
    QCOMPARE(dec.push(a), std::string("\xEF\xBF\xBD" "a"));
    QCOMPARE(dec.push(lead), std::string());
    QCOMPARE(dec.flush(), std::string("\xEF\xBF\xBD"));  // a cut character at the end
    QCOMPARE(stream({lead, a, lead}, true), tok_->decode({lead, a, lead}));
  }
};

QTEST_APPLESS_MAIN(TestUtf8StreamDecoder)
#include "test_utf8_stream_decoder.moc"
