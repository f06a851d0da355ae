// LoRA on both layouts: adapters change nothing until trained, merging gives the logits of base +
// adapter (1e-5, fp32), a merged model has the plain Hugging Face state dict again, the PEFT
// folder round-trips, only adapters train, and a bad target names what the model has.
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/safetensors.h"
#include "core/io/weights.h"
#include "core/model/causal_lm.h"
#include "core/model/model_config.h"
#include "tests/sft/sft_fixture.h"
#include "training/sft/lora.h"

using namespace mindllm;
using namespace mindllm::sft;

namespace {

CausalLM tinyModel(const std::string& preset, uint64_t seed) {
  CausalLM m = createCausalLM(presetConfig(preset, 300));
  m->initWeights(seed);
  m->eval();
  return m;
}

// Adapters as training would leave them: B away from its zero start.
void randomiseAdapters(CausalLMImpl& model) {
  torch::NoGradGuard noGrad;
  for (auto& [path, p] : projections(model))
    if (p->hasAdapter()) p->loraB.normal_(0.0, 0.05);
}

std::vector<std::string> names(CausalLMImpl& m) {
  std::vector<std::string> out;
  for (const auto& p : m.named_parameters()) out.push_back(p.key());
  return out;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestLora : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  torch::Tensor ids_ = torch::randint(0, 300, {2, 24}, torch::kLong);

private Q_SLOTS:
  void mergeGivesTheLogitsOfBasePlusAdapter_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("targets");
    QTest::newRow("llama attention") << "tiny-llama" << QStringList{"q_proj", "k_proj", "v_proj", "o_proj"};
    QTest::newRow("llama all") << "tiny-llama"
                               << QStringList{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
    QTest::newRow("gpt-neo (o_proj = out_proj)") << "tiny-gpt-neo" << QStringList{"q_proj", "v_proj", "o_proj", "c_fc"};
  }
  void mergeGivesTheLogitsOfBasePlusAdapter() {
    QFETCH(QString, preset);
    QFETCH(QStringList, targets);
    CausalLM model = tinyModel(preset.toStdString(), 3);
    const std::vector<std::string> baseNames = names(*model);
    torch::Tensor base, adapted, merged;
    {
      torch::NoGradGuard g;
      base = model->forward(ids_);
    }
    LoraConfig config;
    config.rank = 4;
    config.alpha = 8;
    config.targets.clear();
    for (const auto& t : targets) config.targets.push_back(t.toStdString());
    torch::manual_seed(1);
    const auto paths = attachLora(*model, config, "test");
    QCOMPARE(int(paths.size()), model->config().numLayers * targets.size());
    model->eval();
    {
      torch::NoGradGuard g;
      // B starts at zero: attaching changes nothing.
      QVERIFY(torch::equal(model->forward(ids_), base));
      randomiseAdapters(*model);
      adapted = model->forward(ids_);
    }
    QVERIFY2(maxAbsDiff(adapted, base) > 1e-3, "the adapters do change the output");
    mergeLora(*model);
    {
      torch::NoGradGuard g;
      merged = model->forward(ids_);
    }
    const double diff = maxAbsDiff(merged, adapted);
    qInfo("%s: merged vs base + adapter max |diff| %.3g", qPrintable(preset), diff);
    QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
    // The merged model is a plain model again: the Hugging Face names, all trainable.
    QVERIFY(names(*model) == baseNames);
    for (const auto& p : model->parameters()) QVERIFY(p.requires_grad());
  }

  void onlyAdaptersTrainAndNamesFollowPeft() {
    CausalLM model = tinyModel("tiny-llama", 4);
    const int64_t total = model->config().parameterCount();
    attachLora(*model, LoraConfig{}, "test");
    int64_t trainable = 0;
    for (const auto& p : model->named_parameters()) {
      const bool adapter = p.key().find(".lora_") != std::string::npos;
      QCOMPARE(p.value().requires_grad(), adapter);
      if (adapter) trainable += p.value().numel();
    }
    // rank 8 on q, k, v, o of 2 layers: 8 x (in + out) each.
    const auto& c = model->config();
    const int64_t q = 8 * (c.hiddenSize + c.numHeads * c.headDim), kv = 8 * (c.hiddenSize + c.numKvHeads * c.headDim);
    QCOMPARE(trainable, c.numLayers * (2 * q + 2 * kv));
    QVERIFY(trainable < total / 10);
    QVERIFY(model->named_parameters().contains("model.layers.1.self_attn.v_proj.lora_B.weight"));
  }

  void peftFolderRoundTrips() {
    CausalLM model = tinyModel("tiny-gpt-neo", 5);
    LoraConfig config;
    config.rank = 2;
    config.alpha = 4;
    config.targets = {"q_proj", "o_proj"};
    attachLora(*model, config, "test");
    randomiseAdapters(*model);
    const std::string dir = tmp_.filePath("adapter").toStdString();
    saveLoraAdapter(dir, *model, config, "/models/base");
    const Json cfg = readJsonFile(dir + "/adapter_config.json");
    QCOMPARE(cfg["peft_type"].get<std::string>(), std::string("LORA"));
    QCOMPARE(cfg["r"].get<int>(), 2);
    QCOMPARE(cfg["lora_alpha"].get<double>(), 4.0);
    QCOMPARE(cfg["target_modules"], Json({"out_proj", "q_proj"}));
    QCOMPARE(cfg["base_model_name_or_path"].get<std::string>(), std::string("/models/base"));
    const TensorMap tensors = readSafetensors(dir + "/adapter_model.safetensors");
    QCOMPARE(tensors.size(), size_t(2 * 2 * 2));  // 2 layers x 2 targets x (A, B)
    QVERIFY(tensors.count("base_model.model.transformer.h.0.attn.attention.q_proj.lora_A.weight"));
    QVERIFY(tensors.count("base_model.model.transformer.h.1.attn.attention.out_proj.lora_B.weight"));
    QCOMPARE(tensors.at("base_model.model.transformer.h.0.attn.attention.q_proj.lora_A.weight").sizes(),
             (c10::IntArrayRef{2, 64}));

    // The same base with the adapter loaded computes the same logits.
    CausalLM fresh = tinyModel("tiny-gpt-neo", 5);
    const LoraConfig loaded = loadLoraAdapter(dir, *fresh);
    QCOMPARE(loaded.rank, int64_t(2));
    model->eval();
    fresh->eval();
    torch::NoGradGuard g;
    QVERIFY(torch::equal(fresh->forward(ids_), model->forward(ids_)));
    // A mismatched base is refused with the tensor named.
    CausalLM other = createCausalLM(presetConfig("tiny-llama", 300));
    const std::string e = sftfix::errorOf([&] { loadLoraAdapter(dir, *other); });
    QVERIFY2(e.find("out_proj") != std::string::npos || e.find("lora_A") != std::string::npos, e.c_str());
  }

  void unknownTargetListsTheProjections() {
    CausalLM model = tinyModel("tiny-llama", 6);
    LoraConfig config;
    config.targets = {"q_proj", "query_key_value"};
    const std::string e = sftfix::errorOf([&] { attachLora(*model, config, "job.json: field 'sft.lora.targets'"); });
    QVERIFY2(e.find("job.json: field 'sft.lora.targets': \"query_key_value\" is not a projection") != std::string::npos,
             e.c_str());
    QVERIFY2(e.find("gate_proj") != std::string::npos, e.c_str());
    for (const auto& p : model->parameters()) QVERIFY(p.requires_grad());  // nothing frozen on failure
  }
};

QTEST_GUILESS_MAIN(TestLora)
#include "test_lora.moc"
