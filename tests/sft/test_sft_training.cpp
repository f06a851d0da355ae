// Fine-tuning on CPU, in process: full SFT and LoRA lower the loss on reply tokens, LoRA's final
// model is the base with the adapter merged (and the adapter folder alone gives the same logits),
// a stopped run resumes bitwise, and entropy selection keeps out planted trivial and noisy samples.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <sstream>

#include "core/generate/generator.h"
#include "core/io/model_folder.h"
#include "core/io/weights.h"
#include "tests/sft/sft_fixture.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/entropy_scorer.h"
#include "training/sft/lora.h"
#include "training/sft/sample_selector.h"
#include "training/sft/sft_setup.h"
#include "training/trainer/trainer.h"

using namespace mindllm;
using namespace mindllm::sft;

namespace {

struct Curve {
  std::vector<double> losses;
  train::TrainResult result;
};

std::ostringstream quiet;  // the trainer's log lines

Curve runJob(const Json& jobJson, const std::string& dir, const std::string& method, const train::TrainerHooks& extra = {}) {
  SftJob job = sftJobFromJson(jobJson, "job.json", dir, {}, method);
  SftData data = prepareSftData(job);
  fitScheduleToData(job, data, 1);
  train::Trainer trainer(job.run, train::LaunchEnv{});
  train::TrainerHooks hooks = extra;
  hooks.log = &quiet;
  Curve c;
  hooks.onStep = [&](const train::StepRecord& r) { c.losses.push_back(r.loss); };
  c.result = trainer.run(buildSftInputs(job, std::move(data), 0, 1), hooks);
  return c;
}

double mean(const std::vector<double>& v, size_t from, size_t to) {
  double s = 0;
  for (size_t i = from; i < to; ++i) s += v[i];
  return s / static_cast<double>(to - from);
}

torch::Tensor logitsOf(CausalLMImpl& model, const torch::Tensor& ids) {
  model.eval();
  torch::NoGradGuard g;
  return model.forward(ids);
}

}  // namespace

class TestSftTraining : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string dir_, base_, tuned_;

  Json job(const std::string& out, int steps, const std::string& data) const {
    return {{"output_dir", out},   {"init_from", base_}, {"seed", 3},         {"device", "cpu"},
            {"seq_len", 64},       {"micro_batch", 8},  {"grad_accum", 1},   {"max_steps", steps},
            {"warmup_steps", 2},   {"eval_every", steps}, {"log_every", 1},   {"lr", 3e-3},
            {"sft", {{"train_file", data}, {"val_fraction", 0.1}}}};
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    dir_ = tmp_.path().toStdString();
    base_ = sftfix::makeBase(dir_ + "/base");
    sftfix::writeLines(dir_ + "/task-a.jsonl", sftfix::alpacaLines(sftfix::grammarQa(120, 11, /*mapping=*/0)));
    sftfix::writeLines(dir_ + "/task-b.jsonl", sftfix::alpacaLines(sftfix::grammarQa(120, 12, /*mapping=*/2)));
    // The tasks have 12 distinct records, so a hashed split would hold out whole records the
    // model never sees: validation reads another draw of the same task instead.
    sftfix::writeLines(dir_ + "/task-a-val.jsonl", sftfix::alpacaLines(sftfix::grammarQa(16, 13, /*mapping=*/0)));
  }

  void fullSftLowersReplyLoss() {
    QElapsedTimer clock;
    clock.start();
    Json j = job(dir_ + "/full", 30, dir_ + "/task-a.jsonl");
    j["sft"]["val_file"] = dir_ + "/task-a-val.jsonl";
    j["lr"] = 1e-2;
    const Curve c = runJob(j, dir_, "full");
    QCOMPARE(c.losses.size(), size_t(30));
    const double start = mean(c.losses, 0, 3), end = mean(c.losses, 27, 30);
    QCOMPARE(c.result.evals.size(), size_t(1));
    const double val = c.result.evals[0].loss;
    qInfo("full SFT: reply-token loss %.3f -> %.3f over 30 steps, validation %.3f (%.1f s)", start, end, val,
          clock.elapsed() / 1000.0);
    QVERIFY2(end < 0.5 * start, qPrintable(QString("%1 -> %2").arg(start).arg(end)));
    QVERIFY2(val < 0.5 * start, qPrintable(QString::number(val)));
    auto final = loadModelFolder(c.result.finalModelDir);
    QCOMPARE(final->chatTemplate().name(), std::string("mindllm"));
    tuned_ = c.result.finalModelDir;
  }

  void loraAdaptsATunedModelAndMergesIntoTheFinalModel() {
    QVERIFY2(!tuned_.empty(), "needs the model of fullSftLowersReplyLoss");
    QElapsedTimer clock;
    clock.start();
    // The tuned model learns another task (other verbs and objects) through adapters only.
    Json j = job(dir_ + "/lora", 30, dir_ + "/task-b.jsonl");
    j["init_from"] = tuned_;
    j["lr"] = 1e-2;
    j["sft"]["lora"] = {{"rank", 8}, {"alpha", 16}, {"dropout", 0.0},
                        {"targets", {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}}};
    const Curve c = runJob(j, dir_, "lora");
    const double start = mean(c.losses, 0, 3), end = mean(c.losses, 27, 30);
    qInfo("LoRA: reply-token loss %.3f -> %.3f over 30 steps (%.1f s)", start, end, clock.elapsed() / 1000.0);
    // Slower than full fine-tuning: the frozen head of a briefly trained tiny model limits how
    // sharp its predictions can get, but the adapters alone clearly learn the new task.
    QVERIFY2(end < 0.85 * start, qPrintable(QString("%1 -> %2").arg(start).arg(end)));
    // Checkpoints hold only the adapters; the final model is a plain model folder.
    const TensorMap saved = readSafetensors(c.result.lastCheckpoint + "/model.safetensors");
    for (const auto& [name, t] : saved) QVERIFY2(name.find(".lora_") != std::string::npos, name.c_str());
    QCOMPARE(saved.size(), size_t(2 * 7 * 2));  // 2 layers x 7 projections x (A, B)
    auto final = loadModelFolder(c.result.finalModelDir);
    // The tuned base + the adapter folder = the merged final model.
    auto base = loadModelFolder(tuned_);
    loadLoraAdapter(dir_ + "/lora/adapter", *base->model());
    const auto ids = torch::randint(0, 2000, {2, 32}, torch::kLong);
    const auto merged = logitsOf(*final->model(), ids), adapted = logitsOf(*base->model(), ids);
    // Trained logits reach ~10: fp32 rounding of W + BA vs (W, B, A) is then ~1e-6 of their scale.
    const double diff = (merged - adapted).abs().max().item<double>();
    const double scale = std::max(1.0, adapted.abs().max().item<double>());
    qInfo("merged vs tuned base + adapter folder: max |diff| %.3g (logits up to %.3g)", diff, scale);
    QVERIFY2(diff < 1e-5 * scale, qPrintable(QString::number(diff)));
    QVERIFY((merged - logitsOf(*loadModelFolder(tuned_)->model(), ids)).abs().max().item<double>() > 1e-3);
  }

  void stoppedRunResumesBitwise() {
    Json j = job(dir_ + "/stopped", 8, dir_ + "/task-a.jsonl");
    j["sft"]["lora"] = {{"dropout", 0.1}};  // dropout draws random numbers: their state must come back too
    j["lr"] = 1e-2;
    train::TrainerHooks stop;
    stop.stopAfterStep = 3;
    const Curve first = runJob(j, dir_, "lora", stop);
    QVERIFY(first.result.interrupted);
    QCOMPARE(first.losses.size(), size_t(3));
    const Curve rest = runJob(j, dir_, "lora");
    QCOMPARE(rest.result.startStep, int64_t(3));
    Json s = j;
    s["output_dir"] = dir_ + "/straight";
    const Curve straight = runJob(s, dir_, "lora");
    std::vector<double> resumed = first.losses;
    resumed.insert(resumed.end(), rest.losses.begin(), rest.losses.end());
    QCOMPARE(resumed.size(), straight.losses.size());
    for (size_t i = 0; i < resumed.size(); ++i)
      QVERIFY2(resumed[i] == straight.losses[i], qPrintable(QString("step %1: %2 vs %3").arg(i + 1)
                                                               .arg(resumed[i], 0, 'g', 17).arg(straight.losses[i], 0, 'g', 17)));
  }

  void selectionExcludesPlantedTrivialAndNoisySamples() {
    QVERIFY2(!tuned_.empty(), "needs the model of fullSftLowersReplyLoss");
    QElapsedTimer clock;
    clock.start();
    // The scorer is the tuned model. Ordinary new samples keep a few nats of uncertainty for it
    // (which verb, object and case number).
    auto scorer = loadModelFolder(tuned_);
    std::vector<std::string> pool = sftfix::alpacaLines(sftfix::grammarQa(80, 99));
    std::vector<std::string> kinds(pool.size(), "normal");
    auto plant = [&](const std::string& kind, const std::string& instruction, const std::string& output) {
      pool.push_back(Json{{"instruction", instruction}, {"output", output}, {"source", "web"}}.dump());
      kinds.push_back(kind);
    };
    // Trivial: replies the model writes itself (greedy), as in data distilled from a model like
    // it — it gives the same boilerplate answer whatever it is asked, and nothing is left to learn.
    Generator generator(scorer);
    SamplingParams greedy;
    greedy.temperature = 0;
    greedy.repetitionPenalty = 1;
    greedy.maxNewTokens = 24;
    for (const std::string prompt : {"What did the court do?", "What did the lawyer do?", "What did the investor do?",
                                     "法官做了什么？", "Describe the market.", "Summarise the case.", "请介绍一下合同法。",
                                     "What is a bond?"}) {
      const std::string reply = generator.generate(scorer->chatTemplate().render({{"user", prompt}}), greedy).text;
      QVERIFY(!reply.empty());
      plant("trivial", prompt, reply);
    }
    // Noisy: random characters, or a reply in another language about something else.
    std::mt19937 rng(17);
    const std::string noise = "qZ#8vK!p0@wLx%3Rb^Tn&7yM*eQ2u(G$4hJ)";
    for (int i = 0; i < 4; ++i) {
      std::string junk;
      for (int k = 0; k < 40; ++k) junk += noise[rng() % noise.size()];
      plant("noisy", "What did the bank do?", junk);
      plant("noisy", "What did the court do?", i % 2 ? "盘中指数剧烈波动，成交额突破万亿元，北向资金净流出。"
                                                     : "央行宣布下调存款准备金率，债券收益率随之走低。");
    }
    std::vector<Conversation> samples;
    for (size_t i = 0; i < pool.size(); ++i)
      samples.push_back(parseConversation(pool[i], DatasetFormat::Auto, "pool.jsonl", static_cast<long>(i + 1)));
    const ExampleEncoder encoder(scorer->tokenizer(), scorer->chatTemplate());
    std::vector<EncodedExample> examples;
    for (const auto& s : samples) examples.push_back(encoder.encode(s));
    const auto scores = scoreExamples(*scorer->model(), examples, {8, 0});
    std::vector<std::string> sources;
    for (const auto& s : samples) sources.push_back(s.source);
    const Selection sel = selectSamples(scores, sources, SelectionOptions{});  // quantiles 0.1, 0.9

    std::map<std::string, std::vector<double>> byKind;
    for (size_t i = 0; i < scores.size(); ++i) byKind[kinds[i]].push_back(scores[i]);
    for (auto& [kind, v] : byKind) {
      std::sort(v.begin(), v.end());
      qInfo("%-8s n=%zu scores %.3f .. %.3f (median %.3f)", kind.c_str(), v.size(), v.front(), v.back(), v[v.size() / 2]);
    }
    qInfo("band [%.3f, %.3f], kept %lld of %zu (%.1f s)", sel.low, sel.high, static_cast<long long>(sel.keptCount()),
          scores.size(), clock.elapsed() / 1000.0);
    int keptNormal = 0;
    for (size_t i = 0; i < scores.size(); ++i) {
      const QString what = QString::fromStdString(pool[i]) + " " + QString::number(scores[i]);
      if (kinds[i] == "trivial") QVERIFY2(sel.bands[i] == Band::Below && !sel.kept[i], qPrintable(what));
      if (kinds[i] == "noisy") QVERIFY2(sel.bands[i] == Band::Above && !sel.kept[i], qPrintable(what));
      keptNormal += kinds[i] == "normal" && sel.kept[i];
    }
    QVERIFY2(keptNormal >= 70, qPrintable(QString::number(keptNormal)));
  }
};

QTEST_GUILESS_MAIN(TestSftTraining)
#include "test_sft_training.moc"
