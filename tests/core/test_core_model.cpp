// Model behaviour that needs no reference fixture: the KV cache gives the same logits as a full
// forward pass, GPT-Neo's local attention respects its window, weights round-trip, bad weights are
// named, activation checkpointing leaves gradients unchanged, bf16 runs on CPU.
#include <QtTest>

#include "core/io/safetensors.h"
#include "core/io/torch_bin.h"
#include "core/io/weights.h"
#include "core/model/causal_lm.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using mindllm::test::errorOf;

namespace {

ModelConfig tinyConfig(Layout layout) {
  ModelConfig c = presetConfig(layout == Layout::GptNeo ? "tiny-gpt-neo" : "tiny-llama", 97);
  if (layout == Layout::GptNeo) c.windowSize = 5;  // shorter than the test sequences
  return c;
}

CausalLM makeModel(const ModelConfig& c, uint64_t seed = 3) {
  auto m = createCausalLM(c);
  m->initWeights(seed);
  // Larger weights than the init give peaked, discriminative logits.
  torch::NoGradGuard g;
  for (auto& p : m->parameters())
    if (p.dim() >= 2) p.mul_(6.0);
  m->eval();
  return m;
}

torch::Tensor randomIds(int64_t b, int64_t t, int64_t vocab, uint64_t seed) {
  torch::manual_seed(seed);
  return torch::randint(vocab, {b, t}, torch::kLong);
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestCoreModel : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void kvCacheMatchesFullForward_data() {
    QTest::addColumn<int>("layout");
    QTest::newRow("gpt_neo") << int(Layout::GptNeo);
    QTest::newRow("llama_gqa") << int(Layout::Llama);
  }
  void kvCacheMatchesFullForward() {
    QFETCH(int, layout);
    const auto c = tinyConfig(Layout(layout));
    auto m = makeModel(c);
    torch::NoGradGuard g;
    const auto ids = randomIds(2, 17, c.vocabSize, 11);
    const auto full = m->forward(ids);
    // Prefill 6 tokens, then a chunk of 4, then one at a time.
    auto cache = m->makeCache(2, 32);
    std::vector<torch::Tensor> parts;
    parts.push_back(m->forward(ids.narrow(1, 0, 6), &cache));
    parts.push_back(m->forward(ids.narrow(1, 6, 4), &cache));
    for (int t = 10; t < 17; ++t) parts.push_back(m->forward(ids.narrow(1, t, 1), &cache));
    const auto stepwise = torch::cat(parts, 1);
    QCOMPARE(cache.length, int64_t(17));
    QVERIFY2(maxDiff(full, stepwise) < 1e-4, std::to_string(maxDiff(full, stepwise)).c_str());
    QVERIFY(full.std().item<double>() > 0.1);  // not a degenerate model
  }

  void gptNeoLocalLayersSeeOnlyTheirWindow() {
    auto c = tinyConfig(Layout::GptNeo);
    c.attentionLayers = {"local", "local"};
    auto m = makeModel(c);
    torch::NoGradGuard g;
    auto ids = randomIds(1, 20, c.vocabSize, 5);
    const auto before = m->forward(ids);
    ids.index_put_({0, 0}, (ids.index({0, 0}).item<int64_t>() + 1) % c.vocabSize);
    const auto after = m->forward(ids);
    // Two local layers with window 5 reach back 2 * (5 - 1) = 8 positions, so position 8 still
    // sees token 0 and position 9 onwards does not.
    QVERIFY(maxDiff(before.narrow(1, 8, 1), after.narrow(1, 8, 1)) > 1e-6);
    QVERIFY(maxDiff(before.narrow(1, 9, 11), after.narrow(1, 9, 11)) == 0.0);
    // With global layers the change reaches the end.
    c.attentionLayers = {"global", "global"};
    auto g2 = makeModel(c);
    auto changed = ids.clone();
    changed.index_put_({0, 0}, (ids.index({0, 0}).item<int64_t>() + 1) % c.vocabSize);
    const auto b2 = g2->forward(ids), a2 = g2->forward(changed);
    QVERIFY(maxDiff(b2.narrow(1, 19, 1), a2.narrow(1, 19, 1)) > 1e-6);
  }

  void weightsRoundTripThroughSafetensors_data() { kvCacheMatchesFullForward_data(); }
  void weightsRoundTripThroughSafetensors() {
    QFETCH(int, layout);
    const auto c = tinyConfig(Layout(layout));
    auto a = makeModel(c, 1), b = makeModel(c, 2);
    const QString path = QDir::temp().filePath("mindllm_rt_%1.safetensors").arg(layout);
    writeSafetensors(path.toStdString(), stateDict(*a, torch::kFloat));
    std::map<std::string, std::string> origin;
    loadWeightsInto(*b, readSafetensors(path.toStdString()), origin, "rt");
    torch::NoGradGuard g;
    const auto ids = randomIds(1, 9, c.vocabSize, 2);
    QCOMPARE(maxDiff(a->forward(ids), b->forward(ids)), 0.0);
    QFile::remove(path);
  }

  void badWeightsNameTheTensorAndFile() {
    const auto c = tinyConfig(Layout::Llama);
    auto m = makeModel(c);
    TensorMap tensors;
    std::map<std::string, std::string> origin;
    for (auto& nt : stateDict(*m, torch::kFloat)) {
      tensors[nt.name] = nt.tensor;
      origin[nt.name] = "shard-1.safetensors";
    }
    auto missing = tensors;
    missing.erase("model.layers.1.mlp.up_proj.weight");
    auto e = errorOf([&] { loadWeightsInto(*m, missing, origin, "folder"); });
    QVERIFY2(e.find("missing tensor 'model.layers.1.mlp.up_proj.weight'") != std::string::npos, e.c_str());
    auto wrong = tensors;
    wrong["model.norm.weight"] = torch::ones({3});
    e = errorOf([&] { loadWeightsInto(*m, wrong, origin, "folder"); });
    QVERIFY2(e.find("shard-1.safetensors") != std::string::npos && e.find("model.norm.weight") != std::string::npos, e.c_str());
    auto extra = tensors;
    extra["model.layers.9.mlp.up_proj.weight"] = torch::ones({1});
    origin["model.layers.9.mlp.up_proj.weight"] = "shard-2.safetensors";
    e = errorOf([&] { loadWeightsInto(*m, extra, origin, "folder"); });
    QVERIFY2(e.find("unexpected tensor 'model.layers.9.mlp.up_proj.weight'") != std::string::npos, e.c_str());
  }

  void loadsPyTorchBinStateDict() {
    const std::string dir = MINDLLM_FIXTURES_DIR "/torch_bin/";
    const auto config = ModelConfig::fromFile(dir + "tiny_llama_config.json");
    auto m = createCausalLM(config);
    loadWeightsInto(*m, readTorchBin(dir + "tiny_llama.bin"), {}, dir);
    const Json expected = readJsonFile(dir + "tiny_llama_expected.json");
    int checked = 0;
    for (auto& p : m->named_parameters()) {
      const auto& e = expected.at(p.key());
      QCOMPARE(p.value().to(torch::kDouble).flatten()[0].item<double>(), e["first"].get<double>());
      QVERIFY(std::abs(p.value().to(torch::kDouble).sum().item<double>() - e["sum"].get<double>()) < 1e-9);
      ++checked;
    }
    QCOMPARE(checked, int(expected.size()));
  }

  void activationCheckpointingKeepsGradients_data() { kvCacheMatchesFullForward_data(); }
  void activationCheckpointingKeepsGradients() {
    QFETCH(int, layout);
    const auto c = tinyConfig(Layout(layout));
    auto gradsWith = [&](bool checkpoint) {
      auto m = makeModel(c, 9);
      m->train();
      m->setActivationCheckpointing(checkpoint);
      const auto ids = randomIds(2, 12, c.vocabSize, 4);
      auto logits = m->forward(ids.narrow(1, 0, 11));
      auto loss = torch::nn::functional::cross_entropy(logits.reshape({-1, c.vocabSize}),
                                                       ids.narrow(1, 1, 11).reshape({-1}));
      loss.backward();
      std::vector<torch::Tensor> grads;
      for (auto& p : m->parameters()) grads.push_back(p.grad().clone());
      return grads;
    };
    const auto plain = gradsWith(false), recomputed = gradsWith(true);
    QCOMPARE(plain.size(), recomputed.size());
    for (size_t i = 0; i < plain.size(); ++i) QVERIFY(maxDiff(plain[i], recomputed[i]) < 1e-6);
  }

  void bf16RunsOnCpuCloseToFp32() {
    const auto c = tinyConfig(Layout::Llama);
    auto m = makeModel(c);
    torch::NoGradGuard g;
    const auto ids = randomIds(1, 8, c.vocabSize, 3);
    const auto ref = m->forward(ids);
    m->to(torch::kBFloat16);
    const auto half = m->forward(ids);
    QCOMPARE(half.scalar_type(), torch::kFloat);
    QVERIFY((ref.argmax(-1) == half.argmax(-1)).to(torch::kFloat).mean().item<double>() > 0.7);
    QVERIFY(maxDiff(ref, half) / ref.abs().max().item<double>() < 0.1);
  }

  void contextOverflowIsAnError() {
    const auto c = tinyConfig(Layout::GptNeo);
    auto m = makeModel(c);
    torch::NoGradGuard g;
    const auto e = errorOf([&] { m->forward(torch::zeros({1, c.maxPositions + 1}, torch::kLong)); });
    QVERIFY2(e.find("exceeds the context window") != std::string::npos, e.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCoreModel)
#include "test_core_model.moc"
