// Following a run's metrics.jsonl while the trainer writes it: only whole lines, a half-written
// last line held back, a file rewritten on resume read again from the start, and the progress,
// loss curves and ETA folded from the records.
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/jobs/file_tail.h"
#include "core/jobs/job_progress.h"
#include "core/jobs/metrics_record.h"

using namespace mindllm::jobs;

namespace {

void append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
}

MetricsRecord parsed(const std::string& line) {
  auto r = parseMetricsLine(line);
  if (!r) qFatal("unparsed: %s", line.c_str());
  return *r;
}

std::vector<MetricsRecord> records(const std::string& text) {
  std::vector<MetricsRecord> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    if (auto r = parseMetricsLine(text.substr(start, nl - start))) out.push_back(*r);
  return out;
}

}  // namespace

class TestJobMetrics : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

private Q_SLOTS:
  void parsesEveryRecordType() {
    const MetricsRecord start =
        parsed(R"({"type":"start","step":20,"max_steps":100,"train_samples":950,"val_samples":50,"method":"lora"})");
    QCOMPARE(start.type, MetricsRecord::Type::Start);
    QCOMPARE(start.step, int64_t(20));
    QCOMPARE(start.maxSteps, int64_t(100));
    QCOMPARE(start.trainSamples, int64_t(950));
    QCOMPARE(start.method, std::string("lora"));
    const MetricsRecord train = parsed(R"({"type":"train","step":21,"loss":2.5,"lr":0.0003,"tokens":4096})");
    QCOMPARE(train.type, MetricsRecord::Type::Train);
    QCOMPARE(train.loss, 2.5);
    QCOMPARE(train.tokens, int64_t(4096));
    const MetricsRecord val = parsed(R"({"type":"val","step":25,"val_loss":2.25,"val_ppl":9.49})");
    QCOMPARE(val.valLoss, 2.25);
    QCOMPARE(parsed(R"({"type":"done","model_dir":"/o/final"})").modelDir, std::string("/o/final"));
    QCOMPARE(parsed(R"({"type":"memory","rss":1})").type, MetricsRecord::Type::Other);
    QVERIFY(!parseMetricsLine("{\"type\":\"train\",\"step\""));  // cut off by a crash
    QVERIFY(!parseMetricsLine("[1,2]"));
    QVERIFY(!parseMetricsLine(R"({"step":1})"));
  }

  void tailReadsWholeLinesAsTheyArrive() {
    const std::string path = dir_.filePath("grow.jsonl").toStdString();
    FileTail tail(path);
    QVERIFY(tail.poll(true).text.empty());  // not there yet
    append(path, "line 1\nline 2\nhalf");
    auto u = tail.poll(true);
    QVERIFY(!u.restarted);
    QCOMPARE(u.text, std::string("line 1\nline 2\n"));
    QCOMPARE(tail.poll(true).text, std::string());  // the half line waits
    append(path, " done\nline 4\n");
    QCOMPARE(tail.poll(true).text, std::string("half done\nline 4\n"));
    append(path, "raw");
    QCOMPARE(tail.poll(false).text, std::string("raw"));
  }

  void tailRestartsOnAReplacedOrTruncatedFile() {
    const std::string path = dir_.filePath("replaced.jsonl").toStdString();
    FileTail tail(path);
    append(path, "a\nb\nc\nd\n");
    QCOMPARE(tail.poll(true).text, std::string("a\nb\nc\nd\n"));
    // Resume rewrites the log atomically with fewer lines (a new inode), then appends.
    const std::string staged = path + ".tmp";
    append(staged, "a\nb\n");
    std::filesystem::rename(staged, path);
    append(path, "b2\n");
    auto u = tail.poll(true);
    QVERIFY(u.restarted);
    QCOMPARE(u.text, std::string("a\nb\nb2\n"));
    // Truncated in place.
    std::ofstream(path, std::ios::trunc | std::ios::binary) << "x\n";
    u = tail.poll(true);
    QVERIFY(u.restarted);
    QCOMPARE(u.text, std::string("x\n"));
    std::filesystem::remove(path);
    QVERIFY(tail.poll(true).restarted);
  }

  void tailCanStartNearTheEnd() {
    const std::string path = dir_.filePath("big.log").toStdString();
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "log line " + std::to_string(i) + "\n";
    append(path, text);
    FileTail tail(path, 100);
    const std::string first = tail.poll(true).text;
    QVERIFY(first.size() <= 100);
    QVERIFY(first.rfind("log line ", 0) == 0);  // starts at a line start
    QVERIFY(first.find("log line 999\n") != std::string::npos);
  }

  void progressFoldsRecordsAndDropsRedoneSteps() {
    JobProgress p;
    QCOMPARE(p.fraction(), 0.0);
    for (const auto& r : records(R"({"type":"start","step":0,"max_steps":10,"train_samples":90,"val_samples":10,"method":"lora"}
{"type":"train","step":1,"loss":3.0}
{"type":"train","step":2,"loss":2.8}
{"type":"train","step":3,"loss":2.6}
{"type":"val","step":3,"val_loss":2.7,"val_ppl":14.9}
{"type":"train","step":4,"loss":2.5}
)"))
      p.apply(r, 0);
    QCOMPARE(p.step(), int64_t(4));
    QCOMPARE(p.maxSteps(), int64_t(10));
    QCOMPARE(p.fraction(), 0.4);
    QCOMPARE(p.trainLoss().size(), size_t(4));
    QCOMPARE(p.valLoss().size(), size_t(1));
    QCOMPARE(p.trainSamples(), int64_t(90));
    QCOMPARE(p.method(), std::string("lora"));
    // Killed after step 4, resumed from the checkpoint at step 3: step 4 is trained again.
    for (const auto& r : records(R"({"type":"start","step":3,"max_steps":10}
{"type":"train","step":4,"loss":2.45}
)"))
      p.apply(r, 0);
    QCOMPARE(p.restarts(), 1);
    QCOMPARE(p.trainLoss().size(), size_t(4));
    QCOMPARE(p.trainLoss().back().loss, 2.45);
    QCOMPARE(p.valLoss().size(), size_t(1));
    p.apply(parsed(R"({"type":"done","model_dir":"/out/final"})"), 0);
    QVERIFY(p.done());
    QCOMPARE(p.fraction(), 1.0);
    QCOMPARE(p.modelDir(), std::string("/out/final"));
    p.reset();
    QCOMPARE(p.trainLoss().size(), size_t(0));
    QCOMPARE(p.maxSteps(), int64_t(0));
  }

  void etaFromTheObservedStepRate() {
    JobProgress p;
    p.apply(parsed(R"({"type":"start","step":0,"max_steps":100})"), 1000);
    QVERIFY(!p.etaMs(1000));
    p.apply(parsed(R"({"type":"train","step":1,"loss":3})"), 5000);  // model loading is not a step
    QVERIFY(!p.etaMs(5000));
    p.apply(parsed(R"({"type":"train","step":11,"loss":2})"), 7000);  // 200 ms per step
    QCOMPARE(*p.etaMs(7000), int64_t(89 * 200));
    QCOMPARE(*p.etaMs(7100), int64_t(89 * 200 - 100));  // counts down between records
    // A restart measures the rate afresh (say the resumed process runs on a faster device).
    p.apply(parsed(R"({"type":"start","step":10,"max_steps":100})"), 8000);
    QVERIFY(!p.etaMs(8000));
    p.apply(parsed(R"({"type":"train","step":11,"loss":2})"), 9000);
    p.apply(parsed(R"({"type":"train","step":21,"loss":2})"), 10000);  // 100 ms per step
    QCOMPARE(*p.etaMs(10000), int64_t(79 * 100));
    p.apply(parsed(R"({"type":"done","model_dir":"x"})"), 11000);
    QVERIFY(!p.etaMs(11000));
  }
};

QTEST_GUILESS_MAIN(TestJobMetrics)
#include "test_job_metrics.moc"
