// The sentencepiece wrapper, on two small BPE models with byte fallback trained here (with
// sentencepiece's own trainer) on the bilingual fixture corpus: one with this project's settings
// (training/tokenizer_training: identity normalisation, no dummy prefix, "<|endoftext|>" as EOS)
// and one with sentencepiece's defaults. sentencepiece itself is the reference for encode and decode.
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
    " starts with a space",
};

struct Model {
  std::string name;
  std::string trainArgs;
  std::string dir;
  std::unique_ptr<Tokenizer> tok;
  std::unique_ptr<sentencepiece::SentencePieceProcessor> ref;
  std::string refDecode(const std::vector<TokenId>& ids) const {
    std::string out;
    if (!ref->Decode(std::vector<int>(ids.begin(), ids.end()), &out).ok()) qFatal("sentencepiece decode failed");
    return out;
  }
};

}  // namespace

class TestSentencePieceTokenizer : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::vector<Model> models_;

  std::string stream(const Tokenizer& tok, const std::vector<TokenId>& ids, bool skipSpecial) {
    Utf8StreamDecoder dec(tok, skipSpecial);
    std::string all;
    for (TokenId id : ids) {
      const std::string piece = dec.push(id);
      if (!utf8::isValid(piece)) qFatal("invalid UTF-8 piece after id %d", id);
      all += piece;
    }
    return all + dec.flush();
  }
  Model& model() {
    QFETCH(int, model);
    return models_[static_cast<size_t>(model)];
  }
  void eachModel() {
    QTest::addColumn<int>("model");
    for (size_t i = 0; i < models_.size(); ++i) QTest::newRow(models_[i].name.c_str()) << static_cast<int>(i);
  }

private Q_SLOTS:
  void initTestCase() {
    const std::string common = "--input=" + tokfix::dir() + "/corpus.txt --model_type=bpe --vocab_size=1000"
                               " --byte_fallback=true --character_coverage=0.98 --split_digits=true"
                               " --hard_vocab_limit=false --num_threads=1 --minloglevel=2";
    models_.push_back({"project-settings",
                       common + " --split_by_unicode_script=true --allow_whitespace_only_pieces=true"
                                " --normalization_rule_name=identity --remove_extra_whitespaces=false"
                                " --add_dummy_prefix=false --unk_id=0 --bos_id=1 --eos_id=2 --pad_id=3"
                                " --eos_piece=<|endoftext|> --pad_piece=<pad>"
                                " --user_defined_symbols=<user>,<assistant>,<system>",
                       {}, {}, {}});
    models_.push_back({"sentencepiece-defaults", common + " --user_defined_symbols=<user>,<assistant>", {}, {}, {}});
    for (Model& m : models_) {
      m.dir = tmp_.path().toStdString() + "/" + m.name;
      std::filesystem::create_directories(m.dir);
      const auto status = sentencepiece::SentencePieceTrainer::Train(m.trainArgs + " --model_prefix=" + m.dir + "/tokenizer");
      QVERIFY2(status.ok(), status.ToString().c_str());
      tokfix::writeText(m.dir + "/tokenizer_config.json", R"({"mindllm_chat_template": "mindllm"})");
      m.tok = loadTokenizer(m.dir);
      m.ref = std::make_unique<sentencepiece::SentencePieceProcessor>();
      QVERIFY(m.ref->Load(m.dir + "/tokenizer.model").ok());
    }
  }

  void isASentencePieceTokenizer_data() { eachModel(); }
  void isASentencePieceTokenizer() {
    const Model& m = model();
    const Tokenizer& tok = *m.tok;
    QCOMPARE(tok.kind(), std::string("sentencepiece"));
    QCOMPARE(tok.vocabSize(), m.ref->GetPieceSize());
    QCOMPARE(tok.eosId(), std::optional<TokenId>(m.ref->eos_id()));
    QCOMPARE(tok.bosId(), std::optional<TokenId>(m.ref->bos_id()));
    QCOMPARE(tok.padId(), m.ref->pad_id() < 0 ? std::optional<TokenId>() : std::optional<TokenId>(m.ref->pad_id()));
    QVERIFY(tok.isSpecial(m.ref->eos_id()) && tok.isSpecial(m.ref->unk_id()));
    QVERIFY(!tok.isSpecial(*tok.tokenToId("<user>")));
    QCOMPARE(tok.tokenToId(m.ref->IdToPiece(m.ref->eos_id())), std::optional<TokenId>(m.ref->eos_id()));
    QCOMPARE(tok.tokenToId("<unk>"), std::optional<TokenId>(m.ref->unk_id()));
    QCOMPARE(tok.tokenToId("certainly-not-a-piece"), std::optional<TokenId>());
    QCOMPARE(tok.idToToken(m.ref->eos_id()), m.ref->IdToPiece(m.ref->eos_id()));
  }

  void tokenBytesOfBytePiecesAndSpaces_data() { eachModel(); }
  void tokenBytesOfBytePiecesAndSpaces() {
    const Tokenizer& tok = *model().tok;
    QCOMPARE(tok.tokenBytes(*tok.tokenToId("<0xE4>")), std::string("\xE4"));
    QCOMPARE(tok.tokenBytes(*tok.tokenToId("<0x0A>")), std::string("\n"));
    const auto the = tok.tokenToId("\xE2\x96\x81the");  // "▁the"
    QVERIFY(the);
    QCOMPARE(tok.tokenBytes(*the), std::string(" the"));
  }

  void encodeAndDecodeMatchSentencePiece_data() { eachModel(); }
  void encodeAndDecodeMatchSentencePiece() {
    const Model& m = model();
    int bytePieces = 0;
    for (const std::string& text : kTexts) {
      std::vector<int> want;
      QVERIFY(m.ref->Encode(text, &want).ok());
      const auto ids = m.tok->encode(text);
      QCOMPARE(ids, std::vector<TokenId>(want.begin(), want.end()));
      QCOMPARE(m.tok->decode(ids, true), m.refDecode(ids));
      for (TokenId id : ids) bytePieces += m.ref->IsByte(id);
    }
    QVERIFY2(bytePieces > 10, "the texts must exercise byte fallback");
  }

  // With this project's settings decoding gives back the exact text, leading spaces included.
  void projectModelRoundTripsExactly() {
    const Tokenizer& tok = *models_[0].tok;
    for (const std::string& text : kTexts) QCOMPARE(tok.decode(tok.encode(text)), text);
  }

  void controlTokensInTextMapToTheirIds_data() { eachModel(); }
  void controlTokensInTextMapToTheirIds() {
    const Model& m = model();
    const std::string eos = m.ref->IdToPiece(m.ref->eos_id());
    const auto ids = m.tok->encode("答案。" + eos + "Next");
    QCOMPARE(std::count(ids.begin(), ids.end(), m.ref->eos_id()), 1L);
    QCOMPARE(m.tok->decode(ids, true), m.refDecode(ids));  // sentencepiece hides control pieces
    const std::string shown = m.tok->decode(ids, false);
    QVERIFY(shown.find("答案。" + eos) == 0);
    QVERIFY(shown.find("Next") != std::string::npos);
  }

  void streamJoinsToDecode_data() { eachModel(); }
  void streamJoinsToDecode() {
    const Model& m = model();
    for (const std::string& text : kTexts) {
      const auto ids = m.tok->encode(text);
      QCOMPARE(stream(*m.tok, ids, true), m.tok->decode(ids, true));
      QCOMPARE(stream(*m.tok, ids, false), m.tok->decode(ids, false));
    }
    // The first word's space is dropped exactly when sentencepiece drops it, later ones are kept.
    Utf8StreamDecoder dec(*m.tok);
    const TokenId the = *m.tok->tokenToId("\xE2\x96\x81the");
    QCOMPARE(dec.push(m.ref->bos_id()), std::string());
    const std::string first = dec.push(the);
    QCOMPARE(first, m.refDecode({m.ref->bos_id(), the}));
    QCOMPARE(first, std::string(m.name == "project-settings" ? " the" : "the"));
    QCOMPARE(first + dec.push(the), m.refDecode({the, the}));
  }

  void saveCopiesTheModelAndWritesHfConfig_data() { eachModel(); }
  void saveCopiesTheModelAndWritesHfConfig() {
    const Model& m = model();
    const std::string out = m.dir + "-saved";
    m.tok->save(out);
    QCOMPARE(readFile(out + "/tokenizer.model"), readFile(m.dir + "/tokenizer.model"));
    const Json cfg = readJsonFile(out + "/tokenizer_config.json");
    QCOMPARE(cfg["tokenizer_class"].get<std::string>(), std::string("LlamaTokenizer"));
    QCOMPARE(cfg["mindllm_chat_template"].get<std::string>(), std::string("mindllm"));
    QCOMPARE(cfg["add_bos_token"].get<bool>(), false);
    QCOMPARE(cfg["eos_token"].get<std::string>(), m.ref->IdToPiece(m.ref->eos_id()));
    const Json map = readJsonFile(out + "/special_tokens_map.json");
    QCOMPARE(map["bos_token"].get<std::string>(), std::string("<s>"));
    QCOMPARE(map["unk_token"].get<std::string>(), std::string("<unk>"));
    auto reloaded = loadTokenizer(out);
    for (const std::string& text : kTexts) QCOMPARE(reloaded->encode(text), m.tok->encode(text));
    QCOMPARE(reloaded->eosId(), m.tok->eosId());
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
