// The fine-tuning commands as real mindllm-cli processes, held to the job-manager contract
// (docs/FINETUNING.md): exit 2 with "error: file:line: field" for bad data or config, SIGTERM ->
// checkpoint + exit 75 and an exact resume, metrics.jsonl start/train/val/done records, final/
// and adapter/ folders; `sft select` writes its subset and report; `eval` runs the domain packs.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <thread>

#include "core/io/model_folder.h"
#include "core/io/safetensors.h"
#include "tests/sft/sft_fixture.h"
#include "training/eval/eval_report.h"
#include "training/trainer/checkpoint.h"

namespace fs = std::filesystem;
using namespace mindllm;

namespace {

struct Run {
  int code = -1;
  QString out, err;
  QString lastErrorLine() const {
    const auto lines = err.trimmed().split('\n');
    return lines.isEmpty() ? QString() : lines.back();
  }
};

Run finish(QProcess& p, int timeoutMs = 170000) {
  if (!p.waitForFinished(timeoutMs)) p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

void start(QProcess& p, const QStringList& args) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("OMP_NUM_THREADS", "1");
  for (const char* v : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "SLURM_PROCID", "SLURM_NTASKS"}) env.remove(v);
  p.setProcessEnvironment(env);
  p.start(MINDLLM_CLI_PATH, args);
}

Run cli(const QStringList& args) {
  QProcess p;
  start(p, args);
  return finish(p);
}

std::vector<Json> records(const std::string& metrics, const std::string& type) {
  std::vector<Json> out;
  for (const auto& j : sftfix::readJsonLines(metrics))
    if (j.value("type", "") == type) out.push_back(j);
  return out;
}

}  // namespace

class TestSftCli : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string dir_, base_;

  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  QString qpath(const std::string& name) const { return QString::fromStdString(path(name)); }

  std::string writeJob(const std::string& name, const Json& job) const {
    sftfix::writeLines(path(name), {job.dump(2)});
    return path(name);
  }

  // A LoRA domain fine-tuning job on the law pack's own data (Chinese and English).
  Json lawJob(const std::string& out) const {
    return {{"output_dir", out},      {"init_from", "base"}, {"seed", 5},        {"device", "cpu"},
            {"seq_len", 128},         {"micro_batch", 4},   {"max_steps", 100000}, {"warmup_steps", 2},
            {"decay_steps", 100000},  {"lr", 1e-2},         {"eval_every", 2},   {"eval_batches", 1},
            {"log_every", 1},
            // The law pack's data; a short system prompt, so replies fit the tiny model's window.
            {"sft", {{"domain", "law"}, {"system_prompt", "You are a legal assistant."}}}};
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    dir_ = tmp_.path().toStdString();
    base_ = sftfix::makeBase(path("base"));
  }

  void badDataAndConfigExitTwoNamingFileLineField() {
    std::vector<std::string> lines = sftfix::alpacaLines(sftfix::grammarQa(20, 1));
    lines[16] = R"({"instruction": "What did the court do?", "source": "law"})";  // line 17
    sftfix::writeLines(path("data.jsonl"), lines);
    const Json job = {{"output_dir", "bad-out"}, {"init_from", "base"}, {"sft", {{"train_file", "data.jsonl"}}}};
    Run r = cli({"sft", "--config", QString::fromStdString(writeJob("bad.json", job)), "--check"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.lastErrorLine().startsWith("error: "), qPrintable(r.err));
    QVERIFY2(r.lastErrorLine().contains("data.jsonl:17: field \"output\" missing"), qPrintable(r.err));
    QVERIFY(!fs::exists(path("bad-out")));  // nothing written
    // The same through finetune, without --check.
    r = cli({"finetune", "--config", qpath("bad.json")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.lastErrorLine().contains("data.jsonl:17:"), qPrintable(r.err));
    // Config errors name the field.
    r = cli({"finetune", "--config", qpath("bad.json"), "--set", "sft.lora.rank=0"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.lastErrorLine().startsWith("error: ") && r.lastErrorLine().contains("sft.lora.rank"), qPrintable(r.err));
    r = cli({"sft", "--config", qpath("bad.json"), "--set", "micro_batchh=2"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.lastErrorLine().contains("unknown field 'micro_batchh'"), qPrintable(r.err));
    // A good file passes --check and prints the plan.
    lines[16] = sftfix::alpacaLines(sftfix::grammarQa(1, 2))[0];
    sftfix::writeLines(path("data.jsonl"), lines);
    r = cli({"sft", "--config", qpath("bad.json"), "--check"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("training samples"), qPrintable(r.err));
  }

  void sigtermStopsWith75AndResumesExactly() {
    const std::string cfg = writeJob("law.json", lawJob("law-run"));
    const std::string metrics = path("law-run/metrics.jsonl");
    QProcess p;
    start(p, {"finetune", "--config", QString::fromStdString(cfg)});
    for (int i = 0; i < 1200 && records(metrics, "train").size() < 3; ++i) {
      if (p.state() == QProcess::NotRunning) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    QVERIFY2(records(metrics, "train").size() >= 3, qPrintable(QString::fromUtf8(p.readAllStandardError())));
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    const Run stopped = finish(p);
    QVERIFY2(stopped.code == 75, qPrintable(QString("exit %1: %2").arg(stopped.code).arg(stopped.err)));
    const std::string ckpt = train::latestCheckpoint(path("law-run/checkpoints"));
    QVERIFY2(!ckpt.empty(), "SIGTERM wrote a checkpoint");
    const int64_t at = readJsonFile(ckpt + "/trainer_state.json")["step"].get<int64_t>();
    QVERIFY(!fs::exists(path("law-run/final")));

    // The same command continues; a straight run as long gives the same losses, bit for bit.
    const QString until = QString("max_steps=%1").arg(at + 3);
    Run resumed = cli({"finetune", "--config", QString::fromStdString(cfg), "--set", until});
    QVERIFY2(resumed.code == 0, qPrintable(resumed.err));
    Json straightJob = lawJob("straight-run");
    straightJob["max_steps"] = at + 3;
    Run straight = cli({"finetune", "--config", QString::fromStdString(writeJob("straight.json", straightJob))});
    QVERIFY2(straight.code == 0, qPrintable(straight.err));
    const auto a = records(metrics, "train"), b = records(path("straight-run/metrics.jsonl"), "train");
    QCOMPARE(int64_t(a.size()), at + 3);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      QCOMPARE(a[i]["step"].get<int64_t>(), int64_t(i + 1));
      QVERIFY2(a[i]["loss"].get<double>() == b[i]["loss"].get<double>(), qPrintable(QString("step %1").arg(i + 1)));
    }
    qInfo("stopped at step %lld; reply-token loss %.3f -> %.3f", static_cast<long long>(at), a.front()["loss"].get<double>(),
          a.back()["loss"].get<double>());

    // The contract's records: a start per (re)start, validation, done with the model folder.
    const auto starts = records(metrics, "start");
    QCOMPARE(starts.size(), size_t(2));
    QCOMPARE(starts[0]["step"].get<int64_t>(), int64_t(0));
    QCOMPARE(starts[1]["step"].get<int64_t>(), at);
    QCOMPARE(starts[1]["max_steps"].get<int64_t>(), at + 3);
    QCOMPARE(starts[1]["method"].get<std::string>(), std::string("lora"));
    QVERIFY(starts[1]["train_samples"].get<int64_t>() + starts[1]["val_samples"].get<int64_t>() == 62);
    QVERIFY(!records(metrics, "val").empty());
    QVERIFY(records(metrics, "val").front().contains("val_ppl"));
    const auto done = records(metrics, "done");
    QCOMPARE(done.size(), size_t(1));
    QCOMPARE(done[0]["model_dir"].get<std::string>(), path("law-run/final"));
    QCOMPARE(sftfix::readJsonLines(metrics).back()["type"].get<std::string>(), std::string("done"));

    // final/ is a complete model folder with the base's template; adapter/ is PEFT.
    auto final = loadModelFolder(path("law-run/final"));
    QCOMPARE(final->chatTemplate().name(), std::string("mindllm"));
    QVERIFY(fs::exists(path("law-run/final/tokenizer_config.json")));
    const Json adapterConfig = readJsonFile(path("law-run/adapter/adapter_config.json"));
    QCOMPARE(adapterConfig["target_modules"], Json({"k_proj", "o_proj", "q_proj", "v_proj"}));
    const TensorMap adapter = readSafetensors(path("law-run/adapter/adapter_model.safetensors"));
    QVERIFY(adapter.count("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"));
    QVERIFY(adapter.count("base_model.model.model.layers.1.self_attn.o_proj.lora_B.weight"));
  }

  void selectWritesSubsetAndReport() {
    // No "source" fields: each file's name is its samples' source.
    std::vector<std::string> court, bank;
    for (const auto& q : sftfix::grammarQa(12, 3)) court.push_back(Json{{"instruction", q.question}, {"output", q.answer}}.dump());
    sftfix::writeLines(path("court.jsonl"), court);
    for (const auto& q : sftfix::grammarQa(12, 4))
      bank.push_back(Json{{"conversations", {{{"from", "human"}, {"value", q.question}}, {{"from", "gpt"}, {"value", q.answer}}}}}.dump());
    sftfix::writeLines(path("bank.jsonl"), bank);
    Run r = cli({"sft", "select", "--model", qpath("base"), "--data", qpath("court.jsonl"), "--data", qpath("bank.jsonl"),
                 "--out", qpath("sel/subset.jsonl"), "--report", qpath("sel/report.json"), "--quantiles", "0,1",
                 "--budget", "10", "--quota", "court=3"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("source") && r.out.contains("histogram"), qPrintable(r.out));
    const auto subset = sftfix::readJsonLines(path("sel/subset.jsonl"));
    QCOMPARE(subset.size(), size_t(10));
    int fromCourt = 0;
    for (const auto& s : subset) fromCourt += s.contains("instruction");  // the records as read
    QCOMPARE(fromCourt, 3);
    const Json report = readJsonFile(path("sel/report.json"));
    QCOMPARE(report["selected"].get<int>(), 10);
    QCOMPARE(report["sources"]["court"]["kept"].get<int>(), 3);
    QCOMPARE(report["sources"]["bank"]["kept"].get<int>(), 7);
    QCOMPARE(report["sources"]["bank"]["total"].get<int>(), 12);
    int histogram = 0;
    for (const auto& c : report["histogram"]["counts"]) histogram += c.get<int>();
    QCOMPARE(histogram, 24);
    QCOMPARE(report["items"].size(), size_t(24));
    r = cli({"sft", "select", "--model", qpath("base"), "--data", qpath("court.jsonl"), "--out", qpath("x.jsonl"),
             "--report", qpath("x.json"), "--quota", "nosuch=3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.lastErrorLine().startsWith("error: --quota nosuch=3: no sample has source \"nosuch\""), qPrintable(r.err));
    QVERIFY(!fs::exists(path("x.jsonl")));
  }

  void evalRunsTheDomainPacks() {
    const QString domains = QString::fromStdString(sftfix::domainsDir());
    for (const auto& [data, count, classification] :
         {std::tuple{QString("/law/eval/choice_zh"), 20, false}, std::tuple{QString("/law/eval/choice_en"), 20, false},
          std::tuple{QString("/finance/eval/sentiment_zh"), 30, true},
          std::tuple{QString("/finance/eval/sentiment_en"), 30, true}}) {
      const QString out = qpath("eval-" + QFileInfo(data).fileName().toStdString() + ".json");
      Run r = cli({"eval", "--model", qpath("base"), "--task", "domain", "--data", domains + data, "--shots", "2",
                   "--out", out, "--threads", "2"});
      QVERIFY2(r.code == 0, qPrintable(data + ": " + r.err));
      const auto report = eval::readReport(out.toStdString());
      QCOMPARE(report.average.count, int64_t(count));
      QCOMPARE(report.secondary.contains("macro_f1"), classification);
    }
  }
};

QTEST_GUILESS_MAIN(TestSftCli)
#include "test_sft_cli.moc"
