// Tokenizer training (sentencepiece BPE, byte fallback, split digits, special tokens), vocabulary
// extension with stable ids, and the round trip text -> tokenizer -> shards -> reader, with
// rank slicing and resuming from a saved cursor.
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/tokenizer/tokenizer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "tests/data/planted_corpus.h"
#include "training/data/jsonl_writer.h"
#include "training/data/shard_reader.h"
#include "training/data/shard_writer.h"
#include "training/tokenizer_training/sentencepiece_model_proto.h"
#include "training/tokenizer_training/tokenizer_trainer.h"
#include "training/tokenizer_training/vocabulary_extension.h"

namespace fs = std::filesystem;
using namespace mindllm;
using namespace mindllm::data;
using namespace mindllm::tokenizer_training;

namespace {

const std::vector<std::string> kFixedTexts = {
    "中华人民共和国民法典第一条规定，民事主体的合法权益受法律保护。",
    "The court held that the defendant's conduct amounted to negligence.",
    "2024年第一季度，公司实现营业收入12.35亿元，同比增长18.6%。",
    "人工智能与法律：人工智能在金融领域的应用。",
};

TokenizerInfo infoFor(const Tokenizer& tok, const std::string& dir) {
  TokenizerInfo info;
  info.encode = [&tok](std::string_view text) { return tok.encode(text); };
  info.vocabSize = tok.vocabSize();
  info.eosId = *tok.eosId();
  info.hash = hashTokenizerFolder(dir);
  info.name = dir;
  return info;
}

}  // namespace

class TestTokenizerShards : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string corpus_, zhCorpus_, tokDir_, shardDir_;
  std::vector<std::string> texts_;
  std::unique_ptr<Tokenizer> tok_;

  std::string path(const std::string& name) const { return (fs::path(tmp_.path().toStdString()) / name).string(); }

private Q_SLOTS:
  void initTestCase() {
    planted::Generator g(21);
    g.setChineseAlphabet(300);
    for (const auto& t : kFixedTexts) texts_.push_back(t);
    for (int i = 0; i < 400; ++i) texts_.push_back(i % 2 ? g.chinese(4 + i % 4) : g.english(3 + i % 4));
    corpus_ = path("corpus.jsonl");
    JsonlWriter w(corpus_);
    for (size_t i = 0; i < texts_.size(); ++i) w.write({std::to_string(i), texts_[i], "", ""});
    w.commit();
    zhCorpus_ = path("zh.jsonl");
    JsonlWriter z(zhCorpus_);
    for (int i = 0; i < 200; ++i) z.write({"", "人工智能法律金融合同" + g.chinese(3) + "人工智能，法律与金融。", "", ""});
    z.commit();

    tokDir_ = path("tok");
    TokenizerTrainOptions o;
    o.vocabSize = 1200;
    o.hardVocabLimit = false;
    o.inputSentenceSize = 0;
    DocumentReader reader({{corpus_, IngestOptions()}}, nullptr);
    const TokenizerTrainResult r = trainTokenizer(reader, o, tokDir_);
    QVERIFY(r.vocabSize > 400 && r.vocabSize <= 1200);
    QVERIFY(r.sentences >= static_cast<int64_t>(texts_.size()));
    tok_ = loadTokenizer(tokDir_);
  }

  void trainedTokenizerLoadsWithItsSpecialTokens() {
    QCOMPARE(tok_->kind(), std::string("sentencepiece"));
    QVERIFY(fs::exists(tokDir_ + "/tokenizer_config.json"));
    QVERIFY(tok_->eosId().has_value());
    QCOMPARE(tok_->idToToken(*tok_->eosId()), std::string("<|endoftext|>"));
    for (const char* special : {"<user>", "<assistant>", "<|endoftext|>"}) {
      const auto id = tok_->tokenToId(special);
      QVERIFY2(id.has_value(), special);
      QCOMPARE(tok_->encode(special), std::vector<TokenId>{*id});
      QVERIFY(tok_->isSpecial(*id));
    }
  }

  void digitsAreSplitAndUnknownCharactersFallBackToBytes() {
    const auto digits = tok_->encode("1234567");
    QCOMPARE(digits.size(), size_t(7));
    const std::string rare = "饕餮 Ξ";  // not in the corpus
    const auto ids = tok_->encode(rare);
    QVERIFY(ids.size() >= 7);  // 3 bytes per CJK character, 2 for Ξ
    QCOMPARE(tok_->decode(ids), rare);
  }

  void encodeDecodeRoundTrip() {
    for (const auto& t : texts_) QCOMPARE(tok_->decode(tok_->encode(t)), t);
    QCOMPARE(tok_->decode(tok_->encode("<user>\n你好\n<assistant>\n")), std::string("<user>\n你好\n<assistant>\n"));
  }

  void modelProtoRoundTripIsByteExact() {
    const std::string bytes = readFile(tokDir_ + "/tokenizer.model");
    const SentencePieceModelProto m = SentencePieceModelProto::parse(bytes, "tokenizer.model");
    QCOMPARE(static_cast<int>(m.pieces.size()), tok_->vocabSize());
    QCOMPARE(m.trainerModelType(), 2);  // BPE
    QVERIFY(m.serialize() == bytes);
    QCOMPARE(m.pieces[static_cast<size_t>(*tok_->eosId())].type, PieceType::Control);
  }

  void extendingWithListedTokensKeepsOldIds() {
    const std::string out = path("tok_ext");
    const VocabularyExtension ext = extendTokenizer(tokDir_, out, {"人工智能", "民法典", "营业收入"}, true);
    QCOMPARE(ext.oldSize, tok_->vocabSize());
    QVERIFY(ext.newSize > ext.oldSize);
    auto extended = loadTokenizer(out);
    QCOMPARE(extended->vocabSize(), ext.newSize);
    for (TokenId id = 0; id < ext.oldSize; ++id) QCOMPARE(extended->idToToken(id), tok_->idToToken(id));
    QCOMPARE(extended->eosId(), tok_->eosId());
    for (const char* word : {"人工智能", "民法典", "营业收入"}) {
      const auto id = extended->tokenToId(word);
      QVERIFY2(id.has_value() && *id >= ext.oldSize, word);
      QCOMPARE(extended->encode(word), std::vector<TokenId>{*id});
    }
    for (const auto& t : kFixedTexts) QCOMPARE(extended->decode(extended->encode(t)), t);
    QCOMPARE(SentencePieceModelProto::parse(readFile(out + "/tokenizer.model"), "ext").trainerVocabSize(), ext.newSize);
  }

  void extendingFromAChineseCorpusCompressesChineseText() {
    DocumentReader zh({{zhCorpus_, IngestOptions()}}, nullptr);
    const auto learned = learnPieces(zh, readFile(tokDir_ + "/tokenizer.model"), 600, 80, TokenizerTrainOptions());
    QVERIFY(!learned.empty());
    QVERIFY(learned.size() <= 80);
    const std::string out = path("tok_learned");
    const VocabularyExtension ext = extendTokenizer(tokDir_, out, learned, false);
    auto extended = loadTokenizer(out);
    for (TokenId id = 0; id < ext.oldSize; ++id) QCOMPARE(extended->idToToken(id), tok_->idToToken(id));
    const std::string sample = "人工智能法律金融合同，人工智能，法律与金融。";
    const size_t before = tok_->encode(sample).size(), after = extended->encode(sample).size();
    qInfo("Chinese sample: %zu tokens before, %zu after adding %zu learned pieces", before, after, learned.size());
    QVERIFY(after < before);
    QCOMPARE(extended->decode(extended->encode(sample)), sample);
  }

  void pretokenizeRoundTrip() {
    shardDir_ = path("shards");
    PretokenizeOptions o;
    o.valFraction = 0.1;
    o.seed = 5;
    o.shardTokens = 3000;  // several shards
    o.shuffleBuffer = 64;
    o.threads = 2;
    DocumentReader reader({{corpus_, IngestOptions()}}, nullptr);
    const Json meta = pretokenize(reader, infoFor(*tok_, tokDir_), shardDir_, o);
    QCOMPARE(meta["dtype"].get<std::string>(), std::string("uint16"));
    QVERIFY(meta["splits"]["train"]["shards"].size() >= 2);
    QCOMPARE(meta["splits"]["train"]["documents"].get<size_t>() + meta["splits"]["val"]["documents"].get<size_t>(),
             texts_.size());

    // Every document comes back, in its split, as its tokens followed by EOS.
    for (const std::string split : {"train", "val"}) {
      std::multiset<std::vector<TokenId>> expected, actual;
      for (const auto& t : texts_) {
        if (splitFor(t, 0.1, 5) != split) continue;
        auto ids = tok_->encode(t);
        ids.push_back(*tok_->eosId());
        expected.insert(ids);
      }
      for (const Json& s : meta["splits"][split]["shards"]) {
        ShardFile f(shardDir_ + "/" + s["file"].get<std::string>());
        QCOMPARE(f.header().eosId, *tok_->eosId());
        for (uint64_t i = 0; i < f.documentCount(); ++i) {
          const auto doc = f.document(i);
          QCOMPARE(doc.back(), *tok_->eosId());
          actual.insert(doc);
        }
      }
      QVERIFY2(expected == actual, split.c_str());
      QVERIFY(!expected.empty());
    }
  }

  void shuffleIsDeterministic() {
    PretokenizeOptions o;
    o.valFraction = 0.1;
    o.seed = 5;
    o.shardTokens = 3000;
    o.shuffleBuffer = 64;
    o.threads = 1;  // other thread count, same bytes
    DocumentReader reader({{corpus_, IngestOptions()}}, nullptr);
    pretokenize(reader, infoFor(*tok_, tokDir_), path("shards_again"), o);
    QCOMPARE(readFile(path("shards_again") + "/train-00000.bin"), readFile(shardDir_ + "/train-00000.bin"));
    o.seed = 6;
    DocumentReader reader2({{corpus_, IngestOptions()}}, nullptr);
    pretokenize(reader2, infoFor(*tok_, tokDir_), path("shards_other"), o);
    QVERIFY(readFile(path("shards_other") + "/train-00000.bin") != readFile(shardDir_ + "/train-00000.bin"));
  }

  void readerWindowsAreConsecutiveSlicesOfTheShards() {
    ShardReaderOptions o;
    o.seqLen = 32;
    o.shuffle = false;
    ShardReader r(shardDir_, o);
    uint64_t id = 0;
    for (const auto& shard : r.shards()) {
      const uint64_t windows = (shard->tokenCount() - 1) / 32;
      for (uint64_t k = 0; k < windows; ++k, ++id) {
        const auto w = r.window(id);
        std::vector<int32_t> expected(33);
        shard->copyTokens(k * 32, 33, expected.data());
        QCOMPARE(w, expected);
      }
    }
    QCOMPARE(id, r.windowCount());
    // In file order, batches are those windows one after another.
    const auto batch = r.nextBatch(3);
    QCOMPARE(batch.size(), size_t(3 * 33));
    const auto w1 = r.window(1);
    QVERIFY(std::equal(w1.begin(), w1.end(), batch.begin() + 33));
  }

  void ranksAreDisjointAndCoverTheEpoch() {
    for (int world : {1, 2, 3}) {
      std::vector<std::set<uint64_t>> seen(static_cast<size_t>(world));
      uint64_t total = 0, perRank = 0;
      for (int rank = 0; rank < world; ++rank) {
        ShardReaderOptions o;
        o.seqLen = 16;
        o.rank = rank;
        o.worldSize = world;
        o.seed = 9;
        ShardReader r(shardDir_, o);
        total = r.windowCount();
        perRank = r.windowsPerEpochPerRank();
        for (uint64_t id : r.peekWindows(perRank)) QVERIFY(seen[static_cast<size_t>(rank)].insert(id).second);
        // The batch API returns exactly those windows.
        const auto ids = r.peekWindows(4);
        const auto batch = r.nextBatch(4);
        for (size_t b = 0; b < 4; ++b) {
          const auto w = r.window(ids[b]);
          QVERIFY(std::equal(w.begin(), w.end(), batch.begin() + static_cast<long>(b * 17)));
        }
      }
      std::set<uint64_t> all;
      for (const auto& s : seen) {
        QCOMPARE(s.size(), static_cast<size_t>(perRank));
        for (uint64_t id : s) QVERIFY2(all.insert(id).second, "a window went to two ranks");
      }
      QCOMPARE(all.size(), static_cast<size_t>(total - total % static_cast<uint64_t>(world)));
      QVERIFY(*all.rbegin() < total);
    }
  }

  void shuffledOrderDependsOnSeedAndEpoch() {
    ShardReaderOptions o;
    o.seqLen = 16;
    o.seed = 1;
    ShardReader a(shardDir_, o), b(shardDir_, o);
    o.seed = 2;
    ShardReader c(shardDir_, o);
    const auto n = a.windowCount();
    const auto epoch0 = a.peekWindows(n), again = b.peekWindows(n), other = c.peekWindows(n);
    QCOMPARE(epoch0, again);
    QVERIFY(epoch0 != other);
    std::vector<uint64_t> sorted = epoch0;
    std::sort(sorted.begin(), sorted.end());
    for (uint64_t i = 0; i < n; ++i) QCOMPARE(sorted[i], i);  // a permutation
    const auto twoEpochs = a.peekWindows(2 * n);
    QVERIFY(!std::equal(twoEpochs.begin(), twoEpochs.begin() + static_cast<long>(n), twoEpochs.begin() + static_cast<long>(n)));
  }

  void resumesFromASavedCursor() {
    ShardReaderOptions o;
    o.seqLen = 16;
    o.rank = 1;
    o.worldSize = 2;
    ShardReader r(shardDir_, o);
    for (int i = 0; i < 5; ++i) r.nextBatch(4);
    const std::string saved = r.position().toJson().dump();
    std::vector<std::vector<int32_t>> expected;
    const size_t batches = r.windowsPerEpochPerRank() / 4 + 5;  // enough to cross into the next epoch
    for (size_t i = 0; i < batches; ++i) expected.push_back(r.nextBatch(4));

    ShardReader resumed(shardDir_, o);
    resumed.seek(ShardCursor::fromJson(Json::parse(saved)));
    for (size_t i = 0; i < batches; ++i) QCOMPARE(resumed.nextBatch(4), expected[i]);
    QVERIFY(resumed.position().epoch >= 1);

    ShardReaderOptions otherLen = o;
    otherLen.seqLen = 8;
    ShardReader wrong(shardDir_, otherLen);
    bool threw = false;
    try {
      wrong.seek(ShardCursor::fromJson(Json::parse(saved)));
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
  }

  void wideVocabulariesUseUint32() {
    TokenizerInfo info;
    info.vocabSize = 70000;
    info.eosId = 69999;
    info.hash = 1;
    info.encode = [](std::string_view text) {
      std::vector<int32_t> ids;
      for (unsigned char c : text) ids.push_back(66000 + c);
      return ids;
    };
    PretokenizeOptions o;
    o.valFraction = 0;
    o.shuffleBuffer = 1;
    const std::string in = path("wide.jsonl");
    writeFileAtomic(in, "{\"text\": \"abc\"}\n{\"text\": \"de\"}\n");
    DocumentReader reader({{in, IngestOptions()}}, nullptr);
    const Json meta = pretokenize(reader, info, path("wide"), o);
    QCOMPARE(meta["dtype"].get<std::string>(), std::string("uint32"));
    ShardFile f(path("wide") + "/train-00000.bin");
    QCOMPARE(f.document(0), (std::vector<int32_t>{66097, 66098, 66099, 69999}));
    QCOMPARE(f.document(1), (std::vector<int32_t>{66100, 66101, 69999}));
  }

  void damagedShardsAreRefused() {
    const std::string bad = path("damaged.bin");
    std::string bytes = readFile(shardDir_ + "/train-00000.bin");
    writeFileAtomic(bad, bytes.substr(0, bytes.size() / 2));
    try {
      ShardFile f(bad);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find(bad) == 0, e.what());
    }
    bytes[0] = 'X';
    writeFileAtomic(bad, bytes);
    bool threw = false;
    try {
      ShardFile f(bad);
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
  }
};

QTEST_APPLESS_MAIN(TestTokenizerShards)
#include "test_tokenizer_shards.moc"
