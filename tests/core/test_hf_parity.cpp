// Parity with Hugging Face transformers: fixtures made by tests/fixtures/make_hf_fixtures.py
// running GPTNeoForCausalLM / LlamaForCausalLM (fp32). Logits within 1e-4, identical greedy
// tokens, identical tokenizer ids, for both weight formats.
#include <QtTest>
#include <filesystem>

#include "core/generate/generator.h"
#include "core/io/model_folder.h"
#include "core/io/safetensors.h"
#include "core/util/json_file.h"

using namespace mindllm;

namespace {
const std::string kHf = MINDLLM_FIXTURES_DIR "/hf/";
}

class TestHfParity : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void matchesTransformers_data() {
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("folder");
    QTest::newRow("gpt_neo safetensors") << "gpt_neo" << "gpt_neo";
    QTest::newRow("gpt_neo pytorch_model.bin") << "gpt_neo" << "gpt_neo_bin";
    QTest::newRow("llama safetensors") << "llama" << "llama";
    QTest::newRow("llama pytorch_model.bin") << "llama" << "llama_bin";
  }
  void matchesTransformers() {
    QFETCH(QString, layout);
    QFETCH(QString, folder);
    const std::string ref = kHf + layout.toStdString(), dir = kHf + folder.toStdString();
    if (!std::filesystem::exists(ref + "/expected.json"))
      QSKIP("HF fixtures not generated yet: run tests/fixtures/make_hf_fixtures.py where transformers is installed");
    const Json expected = readJsonFile(ref + "/expected.json");
    const auto logits = readSafetensors(ref + "/expected_logits.safetensors");
    auto model = loadModelFolder(dir);
    QCOMPARE(model->config().layout == Layout::GptNeo, layout == "gpt_neo");
    int i = 0;
    for (const auto& c : expected["cases"]) {
      const auto ids = model->tokenizer().encode(c["prompt"].get<std::string>());
      QCOMPARE(std::vector<int>(ids.begin(), ids.end()), c["ids"].get<std::vector<int>>());
      torch::NoGradGuard g;
      const auto ours = model->model()->forward(torch::tensor(std::vector<int64_t>(ids.begin(), ids.end())).unsqueeze(0))[0];
      const auto theirs = logits.at("case" + std::to_string(i++));
      const double diff = (ours - theirs).abs().max().item<double>();
      QVERIFY2(diff <= 1e-4, ("max abs logit difference " + std::to_string(diff)).c_str());
      SamplingParams p;
      p.temperature = 0;
      p.repetitionPenalty = 1.0f;
      p.maxNewTokens = 16;
      p.stopAtEos = false;
      const auto result = Generator(model).generateFromIds(ids, p);
      QCOMPARE(std::vector<int>(result.tokens.begin(), result.tokens.end()), c["greedy"].get<std::vector<int>>());
    }
  }
};

QTEST_GUILESS_MAIN(TestHfParity)
#include "test_hf_parity.moc"
