// The trainer as real processes: SIGTERM writes a checkpoint and exits cleanly, and resuming gives
// the losses of a run never stopped (bitwise); 2 ranks over Gloo with the global batch split give
// the loss curve of 1 process with the whole batch (1e-5 relative); ZeRO-1 changes nothing; a
// 2-rank checkpoint resumes on 2 ranks and on 1.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/training/training_fixture.h"
#include "training/trainer/checkpoint.h"

namespace fs = std::filesystem;
using namespace mindllm;

namespace {

using Curve = std::vector<std::pair<int64_t, double>>;

QString workerPath() { return QCoreApplication::applicationDirPath() + "/pretrain_worker"; }

struct Job {
  std::vector<std::unique_ptr<QProcess>> ranks;
};

// Starts `world` ranks of the pretrain worker on a loopback rendezvous.
Job launch(const std::string& config, int world, const QStringList& extra = {}) {
  Job job;
  const int port = trainfix::freePort();
  for (int rank = 0; rank < world; ++rank) {
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_NUM_THREADS", "1");
    env.insert("MINDLLM_PROGRESS", "0");
    if (world > 1) {
      env.insert("RANK", QString::number(rank));
      env.insert("WORLD_SIZE", QString::number(world));
      env.insert("LOCAL_RANK", QString::number(rank));
      env.insert("MASTER_ADDR", "127.0.0.1");
      env.insert("MASTER_PORT", QString::number(port));
    } else {
      for (const char* v : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "SLURM_PROCID", "SLURM_NTASKS"}) env.remove(v);
    }
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(workerPath(), QStringList{"--config", QString::fromStdString(config)} + extra);
    job.ranks.push_back(std::move(p));
  }
  return job;
}

// Waits for every rank; returns "" when all exited 0, else their output.
QString finish(Job& job, int timeoutMs = 120000) {
  QString failures;
  for (size_t r = 0; r < job.ranks.size(); ++r) {
    auto& p = *job.ranks[r];
    const bool done = p.waitForFinished(timeoutMs);
    const QString out = QString::fromUtf8(p.readAll());
    if (!done) p.kill();
    if (!done || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
      failures += QString("rank %1 (exit %2): %3\n").arg(r).arg(p.exitCode()).arg(out);
  }
  return failures;
}

QString run(const std::string& config, int world, const QStringList& extra = {}) {
  Job job = launch(config, world, extra);
  return finish(job);
}

std::string writeConfig(const QTemporaryDir& tmp, const std::string& name, const Json& j) {
  const std::string path = tmp.filePath(QString::fromStdString(name + ".json")).toStdString();
  trainfix::writeJson(path, j);
  return path;
}

double maxRelativeDifference(const Curve& a, const Curve& b) {
  double worst = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    worst = std::max(worst, std::abs(a[i].second - b[i].second) / std::abs(b[i].second));
  return worst;
}

}  // namespace

class TestTrainerProcesses : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  std::string shards_;

  Json config(const std::string& name) const {
    Json j = trainfix::tinyConfig(shards_, tmp_.filePath(QString::fromStdString(name)).toStdString());
    j["schedule"] = {{"max_steps", 6}, {"warmup_steps", 2}, {"decay_steps", 100}};
    return j;
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QVERIFY2(QFileInfo::exists(workerPath()), "pretrain_worker is built next to this test");
    shards_ = tmp_.filePath("shards").toStdString();
    trainfix::writeShards(shards_);
  }

  void sigtermCheckpointsAndResumeContinuesExactly() {
    // A long run stopped by SIGTERM once it has logged a few steps.
    Json j = config("signalled");
    j["schedule"]["max_steps"] = 100000;
    j["schedule"]["decay_steps"] = 100000;
    const std::string cfg = writeConfig(tmp_, "signalled", j);
    Job job = launch(cfg, 1);
    const std::string metrics = tmp_.filePath("signalled/metrics.jsonl").toStdString();
    for (int i = 0; i < 600 && (!fs::exists(metrics) || trainfix::losses(metrics).size() < 3); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    QVERIFY2(trainfix::losses(metrics).size() >= 3, "the run did not start training");
    ::kill(static_cast<pid_t>(job.ranks[0]->processId()), SIGTERM);
    const QString failed = finish(job);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));  // exit code 0 after a signal
    const std::string ckpt = train::latestCheckpoint(tmp_.filePath("signalled/checkpoints").toStdString());
    QVERIFY2(!ckpt.empty(), "SIGTERM wrote a checkpoint");
    const int64_t stoppedAt = readJsonFile(ckpt + "/trainer_state.json")["step"].get<int64_t>();
    QVERIFY(stoppedAt >= 3);

    // Resume to stoppedAt + 3 (same schedule: decay_steps is fixed), vs a straight run as long.
    const QString until = QString("schedule.max_steps=%1").arg(stoppedAt + 3);
    QVERIFY2(run(cfg, 1, {"--set", until}).isEmpty(), "resume failed");
    Json s = j;
    s["output_dir"] = tmp_.filePath("unsignalled").toStdString();
    QVERIFY2(run(writeConfig(tmp_, "unsignalled", s), 1, {"--set", until}).isEmpty(), "straight run failed");
    const Curve resumed = trainfix::losses(metrics);
    const Curve straight = trainfix::losses(tmp_.filePath("unsignalled/metrics.jsonl").toStdString());
    QCOMPARE(resumed.size(), size_t(stoppedAt + 3));
    QCOMPARE(straight.size(), resumed.size());
    for (size_t i = 0; i < straight.size(); ++i) {
      QCOMPARE(resumed[i].first, straight[i].first);
      QVERIFY2(resumed[i].second == straight[i].second, qPrintable(QString("step %1: %2 vs %3")
                                                                       .arg(straight[i].first)
                                                                       .arg(resumed[i].second, 0, 'g', 17)
                                                                       .arg(straight[i].second, 0, 'g', 17)));
    }
  }

  void twoRanksMatchOneProcess() {
#if !MINDLLM_WITH_GLOO
    QSKIP("this build has no Gloo (libgloo-dev): CPU data parallel is off");
#endif
    // 1 process x micro-batch 4 vs 2 ranks x micro-batch 2: the same global batch each step.
    const std::string one = writeConfig(tmp_, "one", config("one"));
    Json two = config("two");
    two["batch"]["micro_batch"] = 2;
    Json zero = two;
    zero["output_dir"] = tmp_.filePath("zero").toStdString();
    zero["distributed"] = {{"zero1", true}, {"bucket_mb", 0.01}};  // several buckets of gradients
    QString failed = run(one, 1);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    failed = run(writeConfig(tmp_, "two", two), 2);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    failed = run(writeConfig(tmp_, "zero", zero), 2);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    const Curve c1 = trainfix::losses(tmp_.filePath("one/metrics.jsonl").toStdString());
    const Curve c2 = trainfix::losses(tmp_.filePath("two/metrics.jsonl").toStdString());
    const Curve cz = trainfix::losses(tmp_.filePath("zero/metrics.jsonl").toStdString());
    QCOMPARE(c1.size(), size_t(6));
    QCOMPARE(c2.size(), size_t(6));
    QCOMPARE(cz.size(), size_t(6));
    const double diff = maxRelativeDifference(c2, c1);
    qInfo("2 ranks vs 1 process: max relative loss difference %.3g (loss %.4f -> %.4f)", diff, c1.front().second,
          c1.back().second);
    QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
    QVERIFY(c1.back().second < c1.front().second);  // it trained
    // Sharding AdamW's state computes the same updates (the owner's arithmetic is the same).
    const double zdiff = maxRelativeDifference(cz, c2);
    QVERIFY2(zdiff < 1e-6, qPrintable(QString::number(zdiff)));
    // Only rank 0 writes: one metrics log, one set of checkpoints, one final model.
    QVERIFY(fs::exists(tmp_.filePath("two/final/model.safetensors").toStdString()));
  }

  void twoRankCheckpointResumesOnTwoRanksAndOnOne() {
#if !MINDLLM_WITH_GLOO
    QSKIP("this build has no Gloo (libgloo-dev): CPU data parallel is off");
#endif
    Json half = config("half");
    half["batch"]["micro_batch"] = 2;
    half["distributed"] = {{"zero1", true}};
    const std::string cfg = writeConfig(tmp_, "half", half);
    QString failed = run(cfg, 2, {"--set", "schedule.max_steps=3"});
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    const std::string at3 = train::latestCheckpoint(tmp_.filePath("half/checkpoints").toStdString());
    QVERIFY(at3.find("step-00000003") != std::string::npos);
    // Every rank reads the checkpoint (rank 1's AdamW shard comes from rank 0's file).
    failed = run(cfg, 2);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // The same checkpoint continued by one process with the whole batch.
    Json single = config("single");
    single["checkpoint"]["resume"] = at3;
    failed = run(writeConfig(tmp_, "single", single), 1);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    const Curve reference = trainfix::losses(tmp_.filePath("zero/metrics.jsonl").toStdString());
    const Curve resumed = trainfix::losses(tmp_.filePath("half/metrics.jsonl").toStdString());
    const Curve onOne = trainfix::losses(tmp_.filePath("single/metrics.jsonl").toStdString());
    QCOMPARE(resumed.size(), size_t(6));
    for (size_t i = 0; i < reference.size(); ++i)
      QVERIFY2(resumed[i].second == reference[i].second, qPrintable(QString("step %1").arg(i + 1)));
    QCOMPARE(onOne.size(), size_t(3));  // steps 4-6 (a new log in a new folder)
    QCOMPARE(onOne.front().first, int64_t(4));
    const double diff = maxRelativeDifference(onOne, Curve(reference.begin() + 3, reference.end()));
    QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
  }
};

QTEST_GUILESS_MAIN(TestTrainerProcesses)
#include "test_trainer_processes.moc"
