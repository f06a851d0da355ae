// Generation on tiny random models made with the fixture tokenizer: greedy decoding equals a
// step-by-step argmax, seeded sampling repeats, cancellation from another thread, UTF-8-safe
// streaming, stop strings, context policy, and model-folder save/load/inspect with bad folders.
#include <QTemporaryDir>
#include <QtTest>
#include <condition_variable>
#include <filesystem>
#include <thread>

#include "core/generate/generator.h"
#include "core/io/model_folder.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "core/util/utf8.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using mindllm::test::errorOf;
namespace fs = std::filesystem;

namespace {

const std::string kTokenizer = MINDLLM_FIXTURES_DIR "/tokenizer/bpe";

}  // namespace

class TestCoreGeneration : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::shared_ptr<LoadedModel> llama_, neo_;
  std::string dir(const char* name) { return (tmp_.path() + "/" + name).toStdString(); }

private Q_SLOTS:
  void initTestCase() {
    initModelFolder(dir("tiny-llama"), "tiny-llama", kTokenizer, 42);
    initModelFolder(dir("tiny-gpt-neo"), "tiny-gpt-neo", kTokenizer, 43);
    llama_ = loadModelFolder(dir("tiny-llama"));
    neo_ = loadModelFolder(dir("tiny-gpt-neo"));
  }

  void greedyEqualsStepwiseArgmax_data() {
    QTest::addColumn<bool>("neo");
    QTest::newRow("llama") << false;
    QTest::newRow("gpt_neo") << true;
  }
  void greedyEqualsStepwiseArgmax() {
    QFETCH(bool, neo);
    auto model = neo ? neo_ : llama_;
    SamplingParams p;
    p.temperature = 0;
    p.repetitionPenalty = 1.0f;
    p.maxNewTokens = 12;
    p.stopAtEos = false;
    auto ids = model->tokenizer().encode("合同的违约责任 contract");
    auto result = Generator(model).generateFromIds(ids, p);
    QCOMPARE(int(result.tokens.size()), 12);
    // Reference: full forward pass without cache, argmax at the last position, every step.
    torch::NoGradGuard g;
    std::vector<int64_t> seq(ids.begin(), ids.end());
    for (int i = 0; i < 12; ++i) {
      auto logits = model->model()->forward(torch::tensor(seq).unsqueeze(0));
      const auto next = logits[0][logits.size(1) - 1].argmax().item<int64_t>();
      QCOMPARE(int64_t(result.tokens[size_t(i)]), next);
      seq.push_back(next);
    }
  }

  void seededSamplingRepeats() {
    SamplingParams p;
    p.temperature = 1.3f;
    p.topK = 0;
    p.topP = 1.0f;
    p.maxNewTokens = 24;
    p.stopAtEos = false;
    p.seed = 1234;
    Generator gen(llama_);
    const auto a = gen.generate("利率 interest", p), b = gen.generate("利率 interest", p);
    QCOMPARE(a.tokens, b.tokens);
    p.seed = 99;
    const auto c = gen.generate("利率 interest", p);
    QVERIFY(a.tokens != c.tokens);
  }

  void topKOneIsGreedy() {
    SamplingParams greedy, k1;
    greedy.temperature = 0;
    greedy.maxNewTokens = k1.maxNewTokens = 10;
    greedy.stopAtEos = k1.stopAtEos = false;
    k1.temperature = 2.0f;
    k1.topK = 1;
    k1.seed = 5;
    Generator gen(neo_);
    QCOMPARE(gen.generate("股票", greedy).tokens, gen.generate("股票", k1).tokens);
  }

  void cancellationFromAnotherThread() {
    SamplingParams p;
    p.maxNewTokens = 200;
    p.stopAtEos = false;
    std::atomic<bool> cancel{false};
    std::mutex m;
    std::condition_variable cv;
    bool started = false;
    std::thread canceller([&] {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return started; });
      cancel = true;
    });
    auto result = Generator(llama_).generate(
        "hello",
        p,
        [&](const std::string&, const GenerationProgress&) {
          {
            std::lock_guard<std::mutex> lock(m);
            started = true;
          }
          cv.notify_one();
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          return true;
        },
        &cancel);
    canceller.join();
    QCOMPARE(result.stopReason, StopReason::Cancelled);
    QVERIFY(result.tokens.size() < 200);
  }

  void streamingPiecesAreCompleteUtf8() {
    SamplingParams p;
    p.temperature = 1.5f;
    p.topK = 0;
    p.topP = 1.0f;
    p.maxNewTokens = 120;
    p.stopAtEos = false;
    int pieces = 0;
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      p.seed = seed;
      std::string streamed;
      bool allValid = true, withinContext = true;
      auto result = Generator(neo_).generate("中文字符流式输出", p, [&](const std::string& piece, const GenerationProgress& prog) {
        allValid = allValid && utf8::isValid(piece);
        withinContext = withinContext && prog.contextUsed <= prog.contextSize;
        streamed += piece;
        ++pieces;
        return true;
      });
      QVERIFY(allValid);
      QVERIFY(withinContext);
      QCOMPARE(streamed, result.text);
      QCOMPARE(result.text, neo_->tokenizer().decode(result.tokens, /*skipSpecial=*/true));  // the stream hides special tokens
    }
    QVERIFY(pieces > 0);
  }

  void stopStringEndsGeneration() {
    SamplingParams p;
    p.temperature = 0;
    p.maxNewTokens = 40;
    p.stopAtEos = false;
    Generator gen(llama_);
    const auto full = gen.generate("law", p);
    QVERIFY(full.text.size() > 8);
    // A stop string taken from the middle of the greedy output cuts the text right before it.
    const auto cps = utf8::decode(full.text);
    const std::string stop = utf8::encode({cps.begin() + long(cps.size() / 2), cps.begin() + long(cps.size() / 2) + 2});
    p.stopStrings = {stop};
    std::string streamed;
    const auto cut = gen.generate("law", p, [&](const std::string& s, const GenerationProgress&) {
      streamed += s;
      return true;
    });
    QCOMPARE(cut.stopReason, StopReason::StopString);
    QCOMPARE(cut.text, full.text.substr(0, full.text.find(stop)));
    QCOMPARE(streamed, cut.text);
  }

  void contextPolicy() {
    const int window = llama_->config().maxPositions;
    std::vector<TokenId> longPrompt(size_t(window + 10), llama_->tokenizer().encode("a").front());
    SamplingParams p;
    p.maxNewTokens = 8;
    p.stopAtEos = false;
    Generator gen(llama_);
    const auto e = errorOf([&] { gen.generateFromIds(longPrompt, p, {}, nullptr, ContextPolicy::Error); });
    QVERIFY2(e.find("exceeds the model's context window") != std::string::npos, e.c_str());
    const auto r = gen.generateFromIds(longPrompt, p, {}, nullptr, ContextPolicy::TruncateLeft);
    QCOMPARE(r.truncatedPromptTokens, window + 10 - (window - 8));
    QCOMPARE(int(r.tokens.size()), 8);
    QVERIFY(r.promptTokens + int(r.tokens.size()) <= window);
  }

  void savedFolderReloadsIdentically() {
    auto lm = llama_->model();
    saveModelFolder(dir("resaved"), llama_->config(), lm, llama_->tokenizer(), llama_->chatTemplate());
    auto again = loadModelFolder(dir("resaved"));
    torch::NoGradGuard g;
    const auto ids = torch::tensor(std::vector<int64_t>{5, 6, 7, 8}).unsqueeze(0);
    QVERIFY(torch::equal(llama_->model()->forward(ids), again->model()->forward(ids)));
    const auto info = inspectModelFolder(dir("resaved"));
    QCOMPARE(info.layout, std::string("llama"));
    QCOMPARE(info.weightsFormat, std::string("safetensors"));
    QCOMPARE(info.chatTemplate, std::string("mindllm"));
    QCOMPARE(info.parameters, llama_->config().parameterCount());
    // No staging folders are left behind.
    for (auto& e : fs::directory_iterator(tmp_.path().toStdString()))
      QVERIFY2(e.path().filename().string().find("staging") == std::string::npos, e.path().c_str());
  }

  void badFoldersAreNamed() {
    QVERIFY(errorOf([&] { loadModelFolder(dir("nope")); }).find("no config.json") != std::string::npos);
    fs::create_directories(dir("noweights"));
    fs::copy_file(dir("tiny-llama") + "/config.json", dir("noweights") + "/config.json");
    QVERIFY(errorOf([&] { loadModelFolder(dir("noweights")); }).find("no weights found") != std::string::npos);
    fs::copy(dir("tiny-llama"), dir("badarch"));
    Json cfg = readJsonFile(dir("badarch") + "/config.json");
    cfg["model_type"] = "mamba";
    writeJsonFileAtomic(dir("badarch") + "/config.json", cfg);
    auto e = errorOf([&] { loadModelFolder(dir("badarch")); });
    QVERIFY2(e.find("config.json") != std::string::npos && e.find("mamba") != std::string::npos, e.c_str());
    cfg["model_type"] = "llama";
    cfg["vocab_size"] = 10;
    writeJsonFileAtomic(dir("badarch") + "/config.json", cfg);
    e = errorOf([&] { loadModelFolder(dir("badarch")); });
    QVERIFY2(e.find("vocab_size") != std::string::npos, e.c_str());
    // A truncated weights file is reported with its name, never loaded half-way.
    fs::copy(dir("tiny-llama"), dir("truncated"));
    fs::resize_file(dir("truncated") + "/model.safetensors", fs::file_size(dir("truncated") + "/model.safetensors") / 2);
    e = errorOf([&] { loadModelFolder(dir("truncated")); });
    QVERIFY2(e.find("model.safetensors") != std::string::npos, e.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCoreGeneration)
#include "test_core_generation.moc"
