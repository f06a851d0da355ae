// sentencepiece inside a process that links LibTorch (and so the system libprotobuf): tokenizer
// training, a model folder whose tokenizer is tokenizer.model, and a forward pass, all in one
// process. Before the backend module this aborted on sentencepiece's protobuf version check.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/io/model_folder.h"
#include "core/tokenizer/sentencepiece_backend.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/data/planted_corpus.h"
#include "training/data/document_reader.h"
#include "training/data/jsonl_writer.h"
#include "training/tokenizer_training/tokenizer_trainer.h"

namespace fs = std::filesystem;
using namespace mindllm;
using namespace mindllm::data;
using namespace mindllm::tokenizer_training;

namespace {

const std::vector<std::string> kTexts = {
    "合同违约的责任是什么？当事人一方不履行合同义务的，应当承担继续履行等违约责任。",
    "The lessee shall pay the rent on the first day of each month.",
    "2024年第一季度，公司实现营业收入12.35亿元，同比增长18.6%。",
    "Net interest margin fell to 1.74% while deposits grew 9.2% year on year.",
};

// Whether a shared object whose file name contains `name` is mapped into this process.
bool mapped(const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);)
    if (line.find(name) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestSpmInTorchProcess : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string corpus_, tokDir_;

  std::string path(const std::string& name) const { return (fs::path(tmp_.path().toStdString()) / name).string(); }

private Q_SLOTS:
  void initTestCase() {
    planted::Generator g(5);
    g.setChineseAlphabet(300);
    corpus_ = path("corpus.jsonl");
    JsonlWriter w(corpus_);
    for (size_t i = 0; i < kTexts.size(); ++i) w.write({std::to_string(i), kTexts[i], "", ""});
    for (int i = 0; i < 300; ++i) w.write({"", i % 2 ? g.chinese(5) : g.english(5), "", ""});
    w.commit();
  }

  void trainsASentencePieceTokenizerInProcess() {
    QVERIFY2(mapped("libprotobuf.so"), "this test must link LibTorch and its libprotobuf to mean anything");
    tokDir_ = path("tok");
    TokenizerTrainOptions o;
    o.vocabSize = 800;
    o.hardVocabLimit = false;
    o.inputSentenceSize = 0;
    DocumentReader reader({{corpus_, IngestOptions()}}, nullptr);
    const TokenizerTrainResult r = trainTokenizer(reader, o, tokDir_);
    QVERIFY2(r.vocabSize > 300 && r.vocabSize <= 800, std::to_string(r.vocabSize).c_str());
    QVERIFY(r.sentences >= 304);
    QVERIFY(fs::exists(tokDir_ + "/tokenizer.model"));
    // sentencepiece came in through the module, beside LibTorch's protobuf.
    QVERIFY(mapped("libmindllm_spm_backend.so") && mapped("libsentencepiece"));
    QCOMPARE(fs::path(SentencePieceBackend::get().path()).filename().string(), std::string("libmindllm_spm_backend.so"));
  }

  void modelFolderWithTokenizerModelLoadsAndRoundTrips() {
    QVERIFY(!tokDir_.empty());
    const std::string modelDir = path("model");
    initModelFolder(modelDir, "tiny-llama", tokDir_);
    QVERIFY(fs::exists(modelDir + "/tokenizer.model"));
    QVERIFY(!fs::exists(modelDir + "/vocab.json"));

    auto loaded = loadModelFolder(modelDir);
    const Tokenizer& tok = loaded->tokenizer();
    QCOMPARE(tok.kind(), std::string("sentencepiece"));
    QCOMPARE(loaded->config().vocabSize, tok.vocabSize());
    for (const auto& text : kTexts) {
      const auto ids = tok.encode(text);
      QVERIFY(!ids.empty() && ids.size() < text.size());  // merged pieces, not one id per byte
      QCOMPARE(tok.decode(ids), text);
    }
    // Characters the corpus never had fall back to bytes and still come back.
    const std::string rare = "龘 and 𠀋 in one line";
    QCOMPARE(tok.decode(tok.encode(rare)), rare);

    // And LibTorch runs in the same process on those ids.
    const auto ids = tok.encode(kTexts[0]);
    const auto input = torch::tensor(std::vector<int64_t>(ids.begin(), ids.end())).unsqueeze(0);
    torch::NoGradGuard noGrad;
    const auto logits = loaded->model()->forward(input);
    QCOMPARE(logits.size(1), static_cast<int64_t>(ids.size()));
    QCOMPARE(logits.size(2), static_cast<int64_t>(tok.vocabSize()));
    QVERIFY(torch::isfinite(logits).all().item<bool>());
  }

  // A reader's error crosses the backend's C boundary as an error return and comes back as itself.
  void inputErrorDuringTrainingNamesTheLine() {
    const std::string bad = path("bad.jsonl");
    writeFileAtomic(bad, "{\"text\": \"a fine line of text\"}\n{not json\n");
    IngestOptions strict;
    strict.strict = true;
    DocumentReader reader({{bad, strict}}, nullptr);
    TokenizerTrainOptions o;
    o.vocabSize = 100;
    o.hardVocabLimit = false;
    std::string message;
    try {
      trainTokenizer(reader, o, path("never"));
    } catch (const Error& e) {
      message = e.what();
    }
    QVERIFY2(message.find(bad + ":2:") != std::string::npos, message.c_str());
    QVERIFY(!fs::exists(path("never")));
  }
};

QTEST_APPLESS_MAIN(TestSpmInTorchProcess)
#include "test_spm_in_torch_process.moc"
