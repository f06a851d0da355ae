// The trainer in one process on CPU: the loss falls well below its start on a tiny corpus; a run
// stopped and resumed gives bitwise the same losses and weights as one that never stopped;
// impossible configs fail with errors naming the field before any training; and the parts
// (LR schedule, AdamW decay groups, buckets, launcher variables, checkpoint rotation).
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>
#include <map>

#include "core/io/model_folder.h"
#include "core/io/safetensors.h"
#include "core/util/error.h"
#include "tests/training/training_fixture.h"
#include "training/trainer/adamw.h"
#include "training/trainer/checkpoint.h"
#include "training/trainer/communicator.h"
#include "training/trainer/launch_env.h"
#include "training/trainer/lr_schedule.h"
#include "training/trainer/pretrain_setup.h"
#include "training/trainer/run_config.h"
#include "training/trainer/trainer.h"
#include "tests/support/error_of.h"

namespace fs = std::filesystem;
using namespace mindllm;
using mindllm::test::errorOf;
using namespace mindllm::train;

namespace {

RunConfig configFrom(const Json& j, const std::vector<std::string>& overrides = {}) {
  return RunConfig::fromJson(j, "run.json", "/", overrides);
}

TrainResult trainRun(const RunConfig& config, const TrainerHooks& hooks = {}) {
  Trainer trainer(config, LaunchEnv{});
  return trainer.run(buildPretrainInputs(config, 0, 1, trainer.device(), trainer.bf16()), hooks);
}

bool bitwiseEqual(const torch::Tensor& a, const torch::Tensor& b) {
  return a.sizes() == b.sizes() && a.scalar_type() == b.scalar_type() &&
         std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(), a.numel() * a.element_size()) == 0;
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  std::string shards_;

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    shards_ = tmp_.filePath("shards").toStdString();
    trainfix::writeShards(shards_);
    torch::set_num_threads(2);
  }

  void lossFallsWellBelowItsStart() {
    const std::string out = tmp_.filePath("falls").toStdString();
    Json j = trainfix::tinyConfig(shards_, out);
    j["schedule"] = {{"max_steps", 50}, {"warmup_steps", 5}};
    j["batch"] = {{"micro_batch", 8}, {"grad_accum", 1}};
    j["eval"] = {{"every", 25}, {"batches", 4}};
    j["checkpoint"] = {{"every", 10}, {"keep", 2}};
    j["log"] = {{"every", 5}};
    const auto started = std::chrono::steady_clock::now();
    const TrainResult r = trainRun(configFrom(j));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    QCOMPARE(r.steps.size(), size_t(50));
    const double first = r.steps.front().loss;
    double last = 0;
    for (size_t i = 45; i < 50; ++i) last += r.steps[i].loss / 5;
    qInfo("loss %.3f -> %.3f in %.1f s, %.0f tokens/s", first, last, seconds, r.tokensPerSecond);
    QVERIFY2(first > 6.0, "an untrained model should be near ln(vocab)");  // ln(2000+) = 7.6
    QVERIFY2(last < 0.5 * first, ("loss only fell from " + std::to_string(first) + " to " + std::to_string(last)).c_str());
    QVERIFY(seconds < 60);
    // Validation at steps 25 and 50, perplexity = exp(loss), falling too.
    QCOMPARE(r.evals.size(), size_t(2));
    QVERIFY(r.evals[1].loss < r.evals[0].loss);
    QVERIFY(std::abs(r.evals[1].perplexity - std::exp(r.evals[1].loss)) < 1e-9 * r.evals[1].perplexity);
    // Checkpoints every 10 steps, the last 2 kept; metrics lines every 5 steps plus validation.
    const auto kept = listCheckpoints(out + "/checkpoints");
    QCOMPARE(kept.size(), size_t(2));
    QVERIFY(kept.back().find("step-00000050") != std::string::npos);
    QVERIFY(kept.front().find("step-00000040") != std::string::npos);
    const auto logged = trainfix::losses(out + "/metrics.jsonl");
    QCOMPARE(logged.size(), size_t(10));
    QCOMPARE(logged.back().first, int64_t(50));
    QCOMPARE(logged.back().second, r.steps.back().loss);
    // The resolved config rides with the checkpoint; the final model is a loadable HF folder.
    const Json saved = readJsonFile(kept.back() + "/run_config.json");
    QCOMPARE(saved["schedule"]["max_steps"].get<int>(), 50);
    QCOMPARE(saved["optimizer"]["betas"][1].get<double>(), 0.95);
    auto loaded = loadModelFolder(out + "/final");
    const auto ids = torch::tensor(loaded->tokenizer().encode("The court reviewed the appeal."), torch::kLong).unsqueeze(0);
    torch::NoGradGuard g;
    loaded->model()->eval();
    const auto logits = loaded->model()->forward(ids);
    QCOMPARE(logits.size(2), int64_t(loaded->config().vocabSize));
    // Trained weights: it predicts the corpus better than chance.
    const auto nll = torch::nn::functional::cross_entropy(logits[0].narrow(0, 0, ids.size(1) - 1),
                                                          ids[0].narrow(0, 1, ids.size(1) - 1));
    QVERIFY(nll.item<double>() < 5.0);
  }

  void stopAndResumeIsBitwiseExact() {
    Json j = trainfix::tinyConfig(shards_, tmp_.filePath("straight").toStdString());
    j["eval"] = {{"every", 4}, {"batches", 2}};
    const TrainResult straight = trainRun(configFrom(j));
    QCOMPARE(straight.steps.size(), size_t(12));

    j["output_dir"] = tmp_.filePath("resumed").toStdString();
    TrainerHooks stopAt5;
    stopAt5.stopAfterStep = 5;
    const TrainResult first = trainRun(configFrom(j), stopAt5);
    QVERIFY(first.interrupted);
    QCOMPARE(first.endStep, int64_t(5));
    QVERIFY(first.lastCheckpoint.find("step-00000005") != std::string::npos);
    QVERIFY(!fs::exists(tmp_.filePath("resumed/final").toStdString()));
    const TrainResult second = trainRun(configFrom(j));  // checkpoint.resume "auto"
    QCOMPARE(second.startStep, int64_t(5));
    QCOMPARE(second.endStep, int64_t(12));

    std::vector<StepRecord> joined = first.steps;
    joined.insert(joined.end(), second.steps.begin(), second.steps.end());
    QCOMPARE(joined.size(), straight.steps.size());
    for (size_t i = 0; i < joined.size(); ++i) {
      QCOMPARE(joined[i].step, straight.steps[i].step);
      QVERIFY2(joined[i].loss == straight.steps[i].loss && joined[i].gradNorm == straight.steps[i].gradNorm,
               ("step " + std::to_string(i + 1) + ": " + std::to_string(joined[i].loss) + " vs " +
                std::to_string(straight.steps[i].loss)).c_str());
      QCOMPARE(joined[i].lr, straight.steps[i].lr);
      QCOMPARE(joined[i].tokens, straight.steps[i].tokens);
    }
    // Same final weights, bit for bit, and the same last optimizer state.
    const auto a = readSafetensors(tmp_.filePath("straight/final/model.safetensors").toStdString());
    const auto b = readSafetensors(tmp_.filePath("resumed/final/model.safetensors").toStdString());
    QCOMPARE(a.size(), b.size());
    for (const auto& [name, t] : a) QVERIFY2(bitwiseEqual(t, b.at(name)), name.c_str());
    const auto sa = readSafetensors(straight.lastCheckpoint + "/optimizer.safetensors");
    const auto sb = readSafetensors(second.lastCheckpoint + "/optimizer.safetensors");
    for (const auto& [name, t] : sa) QVERIFY2(bitwiseEqual(t, sb.at(name)), name.c_str());
    // The resumed run's metrics log reads like one run.
    const auto logged = trainfix::losses(tmp_.filePath("resumed/metrics.jsonl").toStdString());
    QCOMPARE(logged.size(), size_t(12));
    for (size_t i = 0; i < logged.size(); ++i) QCOMPARE(logged[i].second, straight.steps[i].loss);
    // Resuming a finished run trains nothing more.
    const TrainResult again = trainRun(configFrom(j));
    QCOMPARE(again.startStep, int64_t(12));
    QVERIFY(again.steps.empty());
  }

  void impossibleConfigsFailBeforeTraining() {
    const std::string out = tmp_.filePath("bad").toStdString();
    const Json base = trainfix::tinyConfig(shards_, out);
    auto failure = [&](const Json& j, const std::vector<std::string>& sets = {}) {
      return errorOf([&] { trainRun(configFrom(j, sets)); });
    };
    Json j = base;
    j["data"]["seq_len"] = 300;  // tiny-llama's window is 256
    std::string e = failure(j);
    QVERIFY2(e.find("data.seq_len") != std::string::npos && e.find("256") != std::string::npos, e.c_str());
    e = failure(base, {"data.seq_len=1000"});
    QVERIFY2(e.find("data.seq_len") != std::string::npos, e.c_str());

    const std::string otherShards = tmp_.filePath("other-tokenizer").toStdString();
    trainfix::writeShards(otherShards, 40, /*hashOverride=*/0x1234);
    j = base;
    j["data"]["train"] = {otherShards};
    e = failure(j);
    QVERIFY2(e.find("another tokenizer") != std::string::npos && e.find("meta.json") != std::string::npos, e.c_str());

    j = base;
    j["optimizer"]["lrr"] = 1;
    e = failure(j);
    QVERIFY2(e.find("unknown field 'optimizer.lrr'") != std::string::npos, e.c_str());
    e = failure(base, {"batch.micro_batch=zero"});
    QVERIFY2(e.find("batch.micro_batch") != std::string::npos, e.c_str());
    e = failure(base, {"optimizer.betas=[0.9, 1.5]"});
    QVERIFY2(e.find("optimizer.betas") != std::string::npos, e.c_str());
    j = base;
    j["model"]["config"] = {{"model_type", "llama"}};
    e = failure(j);
    QVERIFY2(e.find("exactly one of") != std::string::npos, e.c_str());
    j = base;
    j["eval"]["every"] = 5;
    j["data"]["val"] = {tmp_.filePath("missing").toStdString()};
    e = failure(j);
    QVERIFY2(e.find("missing") != std::string::npos && e.find("validation") != std::string::npos, e.c_str());
    // A batch far beyond this machine's memory is refused with a way out.
    e = failure(base, {"model.preset=\"mindllm-3b\"", "data.seq_len=2048", "batch.micro_batch=4096"});
    QVERIFY2(e.find("needs about") != std::string::npos && e.find("activation_checkpointing") != std::string::npos,
             e.c_str());
    QVERIFY2(!fs::exists(out + "/checkpoints"), "nothing is written by a refused run");

    // Overrides go through the same checks and land in the resolved config.
    const RunConfig ok = configFrom(base, {"optimizer.lr=0.01", "distributed.zero1=true", "device=cpu"});
    QCOMPARE(ok.lr, 0.01);
    QVERIFY(ok.zero1);
    QCOMPARE(ok.resolved["optimizer"]["lr"].get<double>(), 0.01);
  }

  void lrScheduleWarmsUpThenDecaysToTheFloor() {
    const LrSchedule s{1e-3, 1e-4, 10, 110};
    QCOMPARE(s.at(0), 1e-4);
    QCOMPARE(s.at(9), 1e-3);
    QVERIFY(std::abs(s.at(60) - (1e-4 + 0.5 * 9e-4)) < 1e-12);  // half way down the cosine
    QVERIFY(s.at(30) > s.at(31));
    QCOMPARE(s.at(110), 1e-4);
    QCOMPARE(s.at(5000), 1e-4);
  }

  void adamwSkipsDecayOnNormsAndBiases() {
    torch::manual_seed(1);
    auto w = torch::randn({4, 3}).requires_grad_(true);
    auto norm = torch::ones({3}).requires_grad_(true);
    auto bias = torch::full({4}, 0.5).requires_grad_(true);
    AdamW opt({{"lin.weight", w}, {"norm.weight", norm}, {"lin.bias", bias}}, AdamWOptions{0.9, 0.95, 1e-8, 0.5},
              {0, 0, 0}, 0);
    QVERIFY(opt.slots()[0].decay);
    QVERIFY(!opt.slots()[1].decay);
    QVERIFY(!opt.slots()[2].decay);
    // Zero gradients: Adam's update is 0, so only weight decay moves anything.
    const auto w0 = w.detach().clone();
    for (auto* t : {&w, &norm, &bias}) t->mutable_grad() = torch::zeros_like(*t);
    opt.step(0.1);
    QVERIFY(torch::allclose(w.detach(), w0 * (1 - 0.1 * 0.5)));
    QVERIFY(torch::equal(norm.detach(), torch::ones({3})));
    QVERIFY(torch::equal(bias.detach(), torch::full({4}, 0.5)));
    // Against torch's own AdamW on a real gradient.
    auto p1 = torch::randn({5, 5}).requires_grad_(true);
    auto p2 = p1.detach().clone().requires_grad_(true);
    AdamW mine({{"p", p1}}, AdamWOptions{0.9, 0.95, 1e-8, 0.1}, {0}, 0);
    torch::optim::AdamW ref({p2}, torch::optim::AdamWOptions(0.01).betas({0.9, 0.95}).eps(1e-8).weight_decay(0.1));
    for (int i = 0; i < 3; ++i) {
      const auto g = torch::randn({5, 5});
      p1.mutable_grad() = g.clone();
      p2.mutable_grad() = g.clone();
      mine.step(0.01);
      ref.step();
    }
    QVERIFY2(torch::allclose(p1, p2, 1e-6, 1e-7), "matches torch::optim::AdamW");
    // ZeRO-1 ownership: balanced and keeping state only for owned slots.
    const auto owners = balanceOwners({torch::zeros({100}), torch::zeros({60}), torch::zeros({50}), torch::zeros({10})}, 2);
    QCOMPARE(owners, (std::vector<int>{0, 1, 1, 0}));
    AdamW sharded({{"a", w}, {"b", norm}}, AdamWOptions{}, {0, 1}, 1);
    QCOMPARE(sharded.ownedState().size(), size_t(2));
    QCOMPARE(sharded.ownedState()[0].name, std::string("exp_avg.b"));
  }

  void gradientBucketsRespectSizeAndType() {
    const std::vector<torch::Tensor> t = {torch::zeros({10}), torch::zeros({10}), torch::zeros({100}),
                                          torch::zeros({5}, torch::kDouble), torch::zeros({5})};
    const auto b = makeBuckets(t, 100);  // bytes: 40, 40 | 400 | 40 (double) | 20
    QCOMPARE(b.size(), size_t(4));
    QCOMPARE(b[0], (std::vector<size_t>{0, 1}));
    QCOMPARE(b[1], (std::vector<size_t>{2}));
    QCOMPARE(b[2], (std::vector<size_t>{3}));
    QCOMPARE(b[3], (std::vector<size_t>{4}));
  }

  void launchEnvironmentFromTorchrunAndSlurm() {
    std::map<std::string, std::string> vars;
    auto get = [&](const char* n) -> const char* {
      auto it = vars.find(n);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
    QCOMPARE(LaunchEnv::fromEnvironment(get).worldSize, 1);
    vars = {{"RANK", "3"}, {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "10.0.0.2"}, {"MASTER_PORT", "29600"}};
    LaunchEnv e = LaunchEnv::fromEnvironment(get);
    QCOMPARE(e.launcher, std::string("torchrun"));
    QCOMPARE(e.rank, 3);
    QCOMPARE(e.localRank, 1);
    QCOMPARE(e.masterPort, 29600);
    vars = {{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "16"}, {"SLURM_LOCALID", "1"}, {"SLURM_LAUNCH_NODE_IPADDR", "10.1.1.1"}};
    e = LaunchEnv::fromEnvironment(get);
    QCOMPARE(e.launcher, std::string("slurm"));
    QCOMPARE(e.worldSize, 16);
    QCOMPARE(e.masterAddr, std::string("10.1.1.1"));
    vars = {{"RANK", "4"}, {"WORLD_SIZE", "4"}, {"MASTER_ADDR", "x"}};
    QVERIFY(errorOf([&] { LaunchEnv::fromEnvironment(get); }).find("RANK=4") != std::string::npos);
    vars = {{"RANK", "0"}, {"WORLD_SIZE", "2"}};
    QVERIFY(errorOf([&] { LaunchEnv::fromEnvironment(get); }).find("MASTER_ADDR") != std::string::npos);
    vars = {{"RANK", "x"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}};
    QVERIFY(errorOf([&] { LaunchEnv::fromEnvironment(get); }).find("RANK='x'") != std::string::npos);
  }

  void checkpointsAreListedByStepAndPruned() {
    const std::string root = tmp_.filePath("ckpts").toStdString();
    for (int step : {2, 10, 7}) {
      CheckpointContents c;
      c.step = step;
      c.trainerState = {{"format", "mindllm-trainer-checkpoint"}, {"step", step}};
      c.model = {{"w", torch::full({2}, static_cast<float>(step))}};
      writeCheckpoint(root, c);
    }
    fs::create_directories(root + "/step-00000099.old-1");  // a folder mid-replacement is not a checkpoint
    fs::create_directories(root + "/.staging-step-00000011-1");
    auto all = listCheckpoints(root);
    QCOMPARE(all.size(), size_t(3));
    QVERIFY(all.back().find("step-00000010") != std::string::npos);
    QCOMPARE(readCheckpoint(latestCheckpoint(root)).model.at("w")[0].item<float>(), 10.0f);
    pruneCheckpoints(root, 1);
    QCOMPARE(listCheckpoints(root).size(), size_t(1));
    fs::remove(root + "/step-00000010/optimizer.safetensors");
    QVERIFY(errorOf([&] { readCheckpoint(root + "/step-00000010"); }).find("optimizer.safetensors") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
