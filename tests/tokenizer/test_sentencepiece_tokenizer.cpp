// The sentencepiece wrapper, on a small BPE model with byte fallback trained here (with
// sentencepiece's own trainer) on the bilingual fixture corpus. sentencepiece itself is the
// reference for encode and decode.
#include <QtTest>

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include "core/tokenizer/sentencepiece_tokenizer.h"
#include "core/tokenizer/utf8_stream_decoder.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utf8.h"
#include "tokenizer/tokenizer_fixture.h"

using namespace mindllm;

namespace {

const std::vector<std::string> kTexts = {
    "中华人民共和国民法典第一条规定，民事主体的合法权益受法律保护。",
    "The court held that the defendant's conduct amounted to negligence.",
    "2024年第一季度，公司实现营业收入12.35亿元，同比增长18.6%；EPS was $1.87.",
    "Mixed 中英文 text: the 合同 (contract) was signed on 2024-03-15.",
    "饕餮 耄耋 never in the corpus, nor Ξ or สวัสดี",  // byte fallback
    "Emoji 👨‍👩‍👧‍👦 🇨🇳 ⚖️ 💰",
    "  leading and   inner   spaces\nand\nnewlines\t tabs ",
    "<user>\n你好\n<assistant>\n",
};

}  // namespace

class TestSentencePieceTokenizer : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string modelDir_;
  std::unique_ptr<Tokenizer> tok_;
  sentencepiece::SentencePieceProcessor ref_;

  std::string stream(const std::vector<TokenId>& ids, bool skipSpecial) {
    Utf8StreamDecoder dec(*tok_, skipSpecial);
    std::string all;
    for (TokenId id : ids) {
      const std::string piece = dec.push(id);
      if (!utf8::isValid(piece)) qFatal("invalid UTF-8 piece after id %d", id);
      all += piece;
    }
    return all + dec.flush();
  }

private Q_SLOTS:
  void initTestCase() {
    modelDir_ = tmp_.path().toStdString() + "/model";
    std::filesystem::create_directories(modelDir_);
    const auto status = sentencepiece::SentencePieceTrainer::Train(
        "--input=" + tokfix::dir() + "/corpus.txt --model_prefix=" + modelDir_ +
        "/tokenizer --model_type=bpe --vocab_size=1000 --byte_fallback=true --character_coverage=0.98"
        " --split_digits=true --user_defined_symbols=<user>,<assistant> --hard_vocab_limit=false"
        " --num_threads=1 --minloglevel=2");
    QVERIFY2(status.ok(), status.ToString().c_str());
    tokfix::writeText(modelDir_ + "/tokenizer_config.json", R"({"mindllm_chat_template": "mindllm"})");
    tok_ = loadTokenizer(modelDir_);
    QVERIFY(ref_.Load(modelDir_ + "/tokenizer.model").ok());
  }

  void isASentencePieceTokenizer() {
    QCOMPARE(tok_->kind(), std::string("sentencepiece"));
    QCOMPARE(tok_->vocabSize(), ref_.GetPieceSize());
    QCOMPARE(tok_->eosId(), std::optional<TokenId>(ref_.eos_id()));
    QCOMPARE(tok_->bosId(), std::optional<TokenId>(ref_.bos_id()));
    QCOMPARE(tok_->padId(), std::optional<TokenId>());  // pad is off by default
    QVERIFY(tok_->isSpecial(ref_.eos_id()) && tok_->isSpecial(ref_.unk_id()));
    QVERIFY(!tok_->isSpecial(*tok_->tokenToId("<user>")));
    QCOMPARE(tok_->tokenToId("</s>"), std::optional<TokenId>(ref_.eos_id()));
    QCOMPARE(tok_->tokenToId("<unk>"), std::optional<TokenId>(ref_.unk_id()));
    QCOMPARE(tok_->tokenToId("certainly-not-a-piece"), std::optional<TokenId>());
    QCOMPARE(tok_->idToToken(ref_.eos_id()), std::string("</s>"));
  }

  void tokenBytesOfBytePiecesAndSpaces() {
    QCOMPARE(tok_->tokenBytes(*tok_->tokenToId("<0xE4>")), std::string("\xE4"));
    QCOMPARE(tok_->tokenBytes(*tok_->tokenToId("<0x0A>")), std::string("\n"));
    const auto the = tok_->tokenToId("\xE2\x96\x81the");  // "▁the"
    QVERIFY(the);
    QCOMPARE(tok_->tokenBytes(*the), std::string(" the"));
  }

  void encodeAndDecodeMatchSentencePiece() {
    int bytePieces = 0;
    for (const std::string& text : kTexts) {
      std::vector<int> want;
      QVERIFY(ref_.Encode(text, &want).ok());
      const auto ids = tok_->encode(text);
      QCOMPARE(ids, std::vector<TokenId>(want.begin(), want.end()));
      std::string refText;
      QVERIFY(ref_.Decode(want, &refText).ok());
      QCOMPARE(tok_->decode(ids, true), refText);
      for (TokenId id : ids) bytePieces += ref_.IsByte(id);
    }
    QVERIFY2(bytePieces > 10, "the texts must exercise byte fallback");
  }

  void controlTokensInTextMapToTheirIds() {
    const auto ids = tok_->encode("答案。</s>Next");
    QCOMPARE(std::count(ids.begin(), ids.end(), ref_.eos_id()), 1L);
    QCOMPARE(tok_->decode(ids, true), std::string("答案。 Next"));  // "Next" starts a new word
    QCOMPARE(tok_->decode(ids, false), std::string("答案。</s> Next"));
  }

  void streamJoinsToDecode() {
    for (const std::string& text : kTexts) {
      const auto ids = tok_->encode(text);
      QCOMPARE(stream(ids, true), tok_->decode(ids, true));
      QCOMPARE(stream(ids, false), tok_->decode(ids, false));
    }
    // The first piece's word-boundary space is dropped, later ones are kept.
    Utf8StreamDecoder dec(*tok_);
    const TokenId the = *tok_->tokenToId("\xE2\x96\x81the");
    QCOMPARE(dec.push(ref_.bos_id()), std::string());
    QCOMPARE(dec.push(the), std::string("the"));
    QCOMPARE(dec.push(the), std::string(" the"));
  }

  void saveCopiesTheModelAndWritesHfConfig() {
    const std::string out = tmp_.path().toStdString() + "/saved";
    tok_->save(out);
    QCOMPARE(readFile(out + "/tokenizer.model"), readFile(modelDir_ + "/tokenizer.model"));
    const Json cfg = readJsonFile(out + "/tokenizer_config.json");
    QCOMPARE(cfg["tokenizer_class"].get<std::string>(), std::string("LlamaTokenizer"));
    QCOMPARE(cfg["mindllm_chat_template"].get<std::string>(), std::string("mindllm"));
    QCOMPARE(cfg["add_bos_token"].get<bool>(), false);
    QCOMPARE(cfg["eos_token"].get<std::string>(), std::string("</s>"));
    const Json map = readJsonFile(out + "/special_tokens_map.json");
    QCOMPARE(map["bos_token"].get<std::string>(), std::string("<s>"));
    QCOMPARE(map["unk_token"].get<std::string>(), std::string("<unk>"));
    auto reloaded = loadTokenizer(out);
    for (const std::string& text : kTexts) QCOMPARE(reloaded->encode(text), tok_->encode(text));
    QCOMPARE(reloaded->eosId(), tok_->eosId());
  }

  void corruptModelFileIsReported() {
    const std::string dir = tmp_.path().toStdString() + "/corrupt";
    std::filesystem::create_directories(dir);
    tokfix::writeText(dir + "/tokenizer.model", "this is not a protobuf");
    std::string message;
    try {
      loadTokenizer(dir);
    } catch (const Error& e) {
      message = e.what();
    }
    QVERIFY2(message.find(dir + "/tokenizer.model: not a sentencepiece model") == 0, message.c_str());
  }
};

QTEST_APPLESS_MAIN(TestSentencePieceTokenizer)
#include "test_sentencepiece_tokenizer.moc"
