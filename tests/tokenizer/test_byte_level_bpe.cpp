// Byte-level BPE against Hugging Face: every id list in expected.json was produced by HF's own
// tokenizers library from the same files; we must reproduce them exactly.
#include <QtTest>

#include <chrono>
#include <random>
#include <thread>

#include "core/tokenizer/byte_level_bpe.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utf8.h"
#include "tokenizer/tokenizer_fixture.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using mindllm::test::errorOf;

namespace {

// Runs `load` and returns the Error message (empty if nothing was thrown).
}  // namespace

class TestByteLevelBpe : public QObject {
  Q_OBJECT
  std::unique_ptr<ByteLevelBpeTokenizer> tok_;

private Q_SLOTS:
  void initTestCase() { tok_ = ByteLevelBpeTokenizer::load(tokfix::bpeDir()); }

  void loadsTheFixture() {
    const Json exp = tokfix::expected();
    QCOMPARE(tok_->kind(), std::string("byte_level_bpe"));
    QCOMPARE(tok_->vocabSize(), exp["vocab_size"].get<int32_t>());
    QCOMPARE(tok_->mergeCount(), size_t(1743));
    QCOMPARE(tok_->eosId(), std::optional<TokenId>(1999));
    QCOMPARE(tok_->bosId(), std::optional<TokenId>(1999));
    QCOMPARE(tok_->padId(), std::optional<TokenId>());
    QCOMPARE(tok_->tokenToId("<user>"), std::optional<TokenId>(2000));
    QCOMPARE(tok_->tokenToId("<assistant>"), std::optional<TokenId>(2001));
    QCOMPARE(tok_->tokenToId("no such token"), std::optional<TokenId>());
    QVERIFY(tok_->isSpecial(1999) && tok_->isSpecial(2000) && tok_->isSpecial(2001));
    QVERIFY(!tok_->isSpecial(0) && !tok_->isSpecial(1998) && !tok_->isSpecial(-1) && !tok_->isSpecial(5000));
    QCOMPARE(tok_->idToToken(*tok_->tokenToId("Ġthe")), std::string("Ġthe"));
    QCOMPARE(tok_->tokenBytes(*tok_->tokenToId("Ġthe")), std::string(" the"));
    QCOMPARE(tok_->tokenBytes(*tok_->tokenToId("Ċ")), std::string("\n"));
    QCOMPARE(tok_->tokenBytes(*tok_->tokenToId("ä")), std::string("\xE4"));  // a lone lead byte
    QCOMPARE(tok_->tokenBytes(2000), std::string("<user>"));
    QCOMPARE(tok_->tokenBytes(99999), std::string());
    QCOMPARE(tok_->chatTemplateName(), std::string("mindllm"));
  }

  void matchesHuggingFace_data() {
    QTest::addColumn<int>("index");
    const auto cases = tokfix::cases();
    QVERIFY(cases.size() >= 60);
    for (size_t i = 0; i < cases.size(); ++i)
      QTest::newRow(("case " + std::to_string(i)).c_str()) << static_cast<int>(i);
  }
  void matchesHuggingFace() {
    QFETCH(int, index);
    const tokfix::Case c = tokfix::cases()[static_cast<size_t>(index)];
    QCOMPARE(tok_->preTokenize(c.text), c.pretokens);
    const std::vector<TokenId> ids = tok_->encode(c.text);
    QCOMPARE(ids, c.ids);
    std::vector<std::string> tokens;
    for (TokenId id : ids) tokens.push_back(tok_->idToToken(id));
    QCOMPARE(tokens, c.tokens);
    QCOMPARE(tok_->decode(ids), c.decoded);
    QCOMPARE(tok_->decode(ids), c.text);  // lossless round trip
    QCOMPARE(tok_->decode(ids, true), c.decodedSkipSpecial);
  }

  // HF's decoder turns bytes cut in the middle of a character into U+FFFD, one per maximal
  // invalid subpart (Rust's from_utf8_lossy).
  void partialDecodeMatchesHuggingFace() {
    const Json exp = tokfix::expected();
    QVERIFY(exp["partial_decode"].size() > 5);
    for (const auto& p : exp["partial_decode"])
      QCOMPARE(tok_->decode(p["ids"].get<std::vector<TokenId>>()), p["decoded"].get<std::string>());
  }

  void tokenizerJsonAloneGivesTheSameIds() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    tokfix::copyBpeFiles(dir, {"tokenizer.json"});
    auto fromJson = loadTokenizer(dir);
    QCOMPARE(fromJson->kind(), std::string("byte_level_bpe"));
    QCOMPARE(fromJson->vocabSize(), tok_->vocabSize());
    for (const auto& c : tokfix::cases()) QCOMPARE(fromJson->encode(c.text), c.ids);
    QVERIFY(fromJson->isSpecial(2000));
  }

  // HF's lstrip / rstrip / single_word options of added tokens, on extra tokens appended to the
  // fixture's tokenizer.json; the ids come from HF with the same tokens.
  void addedTokenOptionsMatchHuggingFace() {
    const Json all = tokfix::expected();
    const Json& opt = all["added_token_options"];
    QVERIFY(opt["cases"].size() >= 10);
    Json tj = readJsonFile(tokfix::bpeDir() + "/tokenizer.json");
    for (const Json& t : opt["added_tokens"]) tj["added_tokens"].push_back(t);
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    writeJsonFileAtomic(dir + "/tokenizer.json", tj);
    auto withOptions = loadTokenizer(dir);
    withOptions->save(dir + "/saved");  // the options must survive a save
    auto saved = loadTokenizer(dir + "/saved");
    for (const Json& c : opt["cases"]) {
      const auto text = c["text"].get<std::string>();
      const auto ids = c["ids"].get<std::vector<TokenId>>();
      QCOMPARE(withOptions->encode(text), ids);
      QCOMPARE(saved->encode(text), ids);
      QCOMPARE(withOptions->decode(ids), c["decoded"].get<std::string>());
    }
  }

  void invalidUtf8InputIsRepairedFirst() {
    const std::string broken = "ab\xE4\xBD" "cd\xFF";  // cut "你", then a byte that is never UTF-8
    const auto ids = tok_->encode(broken);
    QCOMPARE(tok_->decode(ids), std::string("ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD"));
  }

  void unknownIdsDecodeToNothing() {
    const auto ids = tok_->encode("ok");
    std::vector<TokenId> withJunk = ids;
    withJunk.push_back(123456);
    withJunk.push_back(-3);
    QCOMPARE(tok_->decode(withJunk), std::string("ok"));
  }

  void saveWritesFilesThatLoadBack() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/saved";
    tok_->save(dir);
    // The files carry the same model: vocab and merges equal the fixture's.
    QCOMPARE(readJsonFile(dir + "/vocab.json"), readJsonFile(tokfix::bpeDir() + "/vocab.json"));
    QCOMPARE(readFile(dir + "/merges.txt"), readFile(tokfix::bpeDir() + "/merges.txt"));
    QCOMPARE(readJsonFile(dir + "/added_tokens.json"), readJsonFile(tokfix::bpeDir() + "/added_tokens.json"));
    const Json cfg = readJsonFile(dir + "/tokenizer_config.json");
    QCOMPARE(cfg["tokenizer_class"].get<std::string>(), std::string("GPT2Tokenizer"));
    QCOMPARE(cfg["mindllm_chat_template"].get<std::string>(), std::string("mindllm"));
    QCOMPARE(cfg["eos_token"].get<std::string>(), std::string("<|endoftext|>"));
    QCOMPARE(cfg["added_tokens_decoder"]["2000"]["content"].get<std::string>(), std::string("<user>"));
    QCOMPARE(readJsonFile(dir + "/special_tokens_map.json")["additional_special_tokens"],
             Json::array({"<user>", "<assistant>"}));

    auto reloaded = loadTokenizer(dir);
    for (const auto& c : tokfix::cases()) QCOMPARE(reloaded->encode(c.text), c.ids);
    QCOMPARE(reloaded->eosId(), tok_->eosId());

    // The tokenizer.json it writes loads on its own too.
    const std::string jsonOnly = tmp.path().toStdString() + "/json_only";
    std::filesystem::create_directories(jsonOnly);
    std::filesystem::copy_file(dir + "/tokenizer.json", jsonOnly + "/tokenizer.json");
    auto fromJson = loadTokenizer(jsonOnly);
    for (const auto& c : tokfix::cases()) QCOMPARE(fromJson->encode(c.text), c.ids);
  }

  void badFilesGiveClearErrors() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    auto load = [&] { return ByteLevelBpeTokenizer::load(dir); };

    QVERIFY(errorOf<Error>(load).find("no byte-level BPE files") != std::string::npos);
    QVERIFY(errorOf<Error>([&] { loadTokenizer(dir); }).find(dir + ": no tokenizer found") == 0);
    QVERIFY(errorOf<Error>([&] { loadTokenizer(dir + "/nope"); }).find("not a folder") != std::string::npos);

    tokfix::copyBpeFiles(dir, {"vocab.json"});
    QCOMPARE(errorOf<Error>(load), dir + "/merges.txt: missing (vocab.json needs it)");

    tokfix::copyBpeFiles(dir, {"merges.txt"});
    std::string merges = readFile(dir + "/merges.txt");
    // Line 4 gets three parts.
    const size_t lineStart = [&] { size_t p = 0; for (int i = 0; i < 3; ++i) p = merges.find('\n', p) + 1; return p; }();
    std::string bad = merges;
    bad.insert(merges.find('\n', lineStart), " extra");
    tokfix::writeText(dir + "/merges.txt", bad);
    QVERIFY2(errorOf<Error>(load).find(dir + "/merges.txt:4: expected two tokens") == 0, errorOf<Error>(load).c_str());

    bad = merges;
    bad.insert(lineStart, "Ġzzz Ġqqq\n");  // tokens the vocabulary lacks
    tokfix::writeText(dir + "/merges.txt", bad);
    QVERIFY2(errorOf<Error>(load).find(dir + "/merges.txt:4: merge \"Ġzzz Ġqqq\"") == 0, errorOf<Error>(load).c_str());

    tokfix::writeText(dir + "/merges.txt", merges);
    const std::string vocab = readFile(dir + "/vocab.json");
    tokfix::writeText(dir + "/vocab.json", vocab.substr(0, vocab.size() / 2));  // truncated JSON
    QVERIFY2(errorOf<Error>(load).find(dir + "/vocab.json:") == 0, errorOf<Error>(load).c_str());
    QVERIFY(errorOf<Error>(load).find("invalid JSON") != std::string::npos);

    tokfix::writeText(dir + "/vocab.json", R"({"a": 0, "b": "one"})");
    QVERIFY2(errorOf<Error>(load).find("vocab.json: token \"b\": id must be a non-negative integer") != std::string::npos,
             errorOf<Error>(load).c_str());

    tokfix::writeText(dir + "/vocab.json", R"({"a": 0, "b": 0})");
    QVERIFY(errorOf<Error>(load).find("id 0 is used by both") != std::string::npos);

    // Everything fine again, then a broken side file.
    tokfix::copyBpeFiles(dir, {"vocab.json"});
    QVERIFY(errorOf<Error>(load).empty());
    tokfix::writeText(dir + "/added_tokens.json", R"({"<user>": "x"})");
    QVERIFY2(errorOf<Error>(load).find("added_tokens.json: token '<user>'") != std::string::npos, errorOf<Error>(load).c_str());
    tokfix::writeText(dir + "/added_tokens.json", R"({"<user>": 5})");  // id 5 is "&"
    QVERIFY2(errorOf<Error>(load).find("added token \"<user>\" has id 5") != std::string::npos, errorOf<Error>(load).c_str());
  }

  void unsupportedTokenizerJsonIsRefused() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    Json tj = readJsonFile(tokfix::bpeDir() + "/tokenizer.json");
    tj["pre_tokenizer"] = {{"type", "Metaspace"}};
    writeJsonFileAtomic(dir + "/tokenizer.json", tj);
    QVERIFY(errorOf<Error>([&] { loadTokenizer(dir); }).find("field 'pre_tokenizer'") != std::string::npos);
  }

  void encodesConcurrently() {
    const auto cases = tokfix::cases();
    std::vector<int> bad(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int round = 0; round < 20; ++round)
          for (const auto& c : cases) bad[static_cast<size_t>(t)] += tok_->encode(c.text) != c.ids;
      });
    for (auto& th : threads) th.join();
    QCOMPARE(bad, std::vector<int>(4, 0));
  }

  // Not a speed limit (CI machines vary); it checks a few MB round-trip and reports MB/s for
  // text like the corpus and for text full of characters the word cache has never seen.
  void encodesMegabytesOfBilingualText_data() {
    QTest::addColumn<int>("rareEvery");
    QTest::newRow("corpus-like") << 0;
    QTest::newRow("one-in-8-chars-random-CJK") << 8;
  }
  void encodesMegabytesOfBilingualText() {
    QFETCH(int, rareEvery);
    const std::string corpus = readFile(tokfix::dir() + "/corpus.txt");
    const auto cps = utf8::decode(corpus);
    std::mt19937 rng(7);
    std::string text;
    // Random slices of the corpus, with random numbers between them.
    while (text.size() < 4u * 1024 * 1024) {
      const size_t at = rng() % cps.size();
      const size_t len = 20 + rng() % 200;
      for (size_t i = at; i < std::min(cps.size(), at + len); ++i) {
        char32_t cp = cps[i];
        if (rareEvery && rng() % static_cast<unsigned>(rareEvery) == 0) cp = 0x4E00 + rng() % 0x5000;
        utf8::append(text, cp);
      }
      text += " " + std::to_string(rng() % 100000) + (rng() % 3 ? " " : "\n");
    }
    auto fresh = ByteLevelBpeTokenizer::load(tokfix::bpeDir());  // an empty word cache
    const auto start = std::chrono::steady_clock::now();
    const auto ids = fresh->encode(text);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QCOMPARE(fresh->decode(ids), text);
    const double mb = static_cast<double>(text.size()) / 1e6;
    qInfo("encode: %.1f MB in %.2f s = %.1f MB/s, %.2f bytes/token", mb, seconds, mb / seconds,
          static_cast<double>(text.size()) / static_cast<double>(ids.size()));
  }
};

QTEST_APPLESS_MAIN(TestByteLevelBpe)
#include "test_byte_level_bpe.moc"
