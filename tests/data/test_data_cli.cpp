// The mindllm-cli commands end to end, as real processes: data run from a config, a single stage
// with a malformed line (skipped, then fatal with --strict), tokenizer train/encode/decode/extend,
// pretokenize and shards inspect; a missing sentencepiece backend module.
#include <QProcess>
#include <QtTest>

#include <filesystem>

#include "core/util/atomic_file.h"
#include "core/util/json_file.h"
#include "tests/data/planted_corpus.h"

namespace fs = std::filesystem;
using mindllm::Json;

namespace {

struct Result {
  int code;
  std::string out, err;
};

Result cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(QString(MINDLLM_CLI), args);
  if (!p.waitForFinished(120000)) {
    p.kill();
    return {-1, "", "timeout"};
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput().toStdString(),
          p.readAllStandardError().toStdString()};
}

// The end of stderr: sentencepiece logs a lot before any error message.
std::string tail(const Result& r) { return r.err.size() > 400 ? r.err.substr(r.err.size() - 400) : r.err; }

}  // namespace

class TestDataCli : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString path(const char* name) const { return tmp_.filePath(name); }
  std::string spath(const char* name) const { return path(name).toStdString(); }

private Q_SLOTS:
  void initTestCase() {
    planted::Generator g(77);
    g.setChineseAlphabet(400);
    std::string lines;
    for (int i = 0; i < 200; ++i) lines += Json({{"text", i % 2 ? g.chinese(6) : g.english(5)}}).dump() + "\n";
    lines += Json({{"text", "Reach me at wang.wu@example.cn or 13712345678, please."}}).dump() + "\n";
    mindllm::writeFileAtomic(spath("raw.jsonl"), lines);
    mindllm::writeFileAtomic(spath("bad.jsonl"), "{\"text\": \"fine line of text\"}\n{not json\n");
  }

  void dataRunFromConfig() {
    mindllm::writeJsonFileAtomic(spath("pipeline.json"),
                                 {{"inputs", {"raw.jsonl"}}, {"output_dir", "clean"}, {"filter", {{"min_chars", 10}}},
                                  {"mix", {{"ratios", {{"zh", 0.5}, {"en", 0.5}}}}}});
    const Result r = cli({"data", "run", "--config", path("pipeline.json")});
    QVERIFY2(r.code == 0, tail(r).c_str());
    QVERIFY(r.out.find("[dedup]") != std::string::npos);
    for (const char* f : {"clean/zh.jsonl", "clean/en.jsonl", "clean/mix.jsonl", "clean/report.json"})
      QVERIFY2(fs::exists(spath(f)), f);
    const std::string en = mindllm::readFile(spath("clean/en.jsonl"));
    QVERIFY(en.find("<EMAIL>") != std::string::npos && en.find("wang.wu@") == std::string::npos);
  }

  void malformedLineSkippedOrFatal() {
    Result r = cli({"data", "ingest", "--input", path("bad.jsonl"), "--output", path("ingested.jsonl")});
    QVERIFY2(r.code == 0, tail(r).c_str());
    QVERIFY2(r.out.find(spath("bad.jsonl") + ":2:") != std::string::npos, r.out.c_str());
    QVERIFY(fs::exists(spath("ingested.jsonl.report.json")));
    r = cli({"data", "ingest", "--strict", "--input", path("bad.jsonl"), "--output", path("strict.jsonl")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find(spath("bad.jsonl") + ":2:") != std::string::npos, tail(r).c_str());
    QVERIFY(!fs::exists(spath("strict.jsonl")));  // nothing half-written
  }

  void tokenizerTrainEncodeDecodeExtend() {
    Result r = cli({"tokenizer", "train", "--input", path("raw.jsonl"), "--output", path("tok"), "--vocab-size", "1000",
                    "--soft-vocab-limit"});
    QVERIFY2(r.code == 0, tail(r).c_str());
    const QString text = QStringLiteral("法律 and finance 2024");
    r = cli({"tokenizer", "encode", "--tokenizer", path("tok"), "--text", text});
    QVERIFY2(r.code == 0, tail(r).c_str());
    const std::string ids = r.out.substr(0, r.out.find('\n'));
    QVERIFY(!ids.empty());
    r = cli({"tokenizer", "decode", "--tokenizer", path("tok"), "--ids", QString::fromStdString(ids)});
    QVERIFY2(r.code == 0, tail(r).c_str());
    QCOMPARE(QString::fromStdString(r.out).trimmed(), text);
    r = cli({"tokenizer", "decode", "--tokenizer", path("tok"), "--ids", "1 999999"});
    QCOMPARE(r.code, 1);
    r = cli({"tokenizer", "extend", "--base", path("tok"), "--output", path("tok_ext"), "--token", "人工智能"});
    QVERIFY2(r.code == 0, tail(r).c_str());
    QVERIFY(r.out.find("old ids unchanged") != std::string::npos);
    r = cli({"tokenizer", "encode", "--tokenizer", path("tok_ext"), "--text", "人工智能", "--pieces"});
    QCOMPARE(QString::fromStdString(r.out).trimmed(), QStringLiteral("人工智能"));
  }

  // The sentencepiece backend module is looked up at run time; without it the error says where.
  void missingSentencePieceBackendNamesThePath() {
    QVERIFY(fs::exists(spath("tok/tokenizer.model")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString missing = path("nowhere/libmindllm_spm_backend.so");
    env.insert("MINDLLM_SPM_BACKEND", missing);
    const Result r = cli({"tokenizer", "encode", "--tokenizer", path("tok"), "--text", "hello"}, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find(missing.toStdString() + ": missing") != std::string::npos, tail(r).c_str());
  }

  void pretokenizeAndInspect() {
    Result r = cli({"pretokenize", "--input", path("raw.jsonl"), "--tokenizer", path("tok"), "--output", path("shards"),
                    "--val-fraction", "0.1"});
    QVERIFY2(r.code == 0, tail(r).c_str());
    const Json meta = mindllm::readJsonFile(spath("shards/meta.json"));
    QCOMPARE(meta["splits"]["train"]["documents"].get<int>() + meta["splits"]["val"]["documents"].get<int>(), 201);
    r = cli({"shards", "inspect", path("shards"), "--seq-len", "16", "--world-size", "2", "--rank", "1"});
    QVERIFY2(r.code == 0, tail(r).c_str());
    QVERIFY(r.out.find("cursor:") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestDataCli)
#include "test_data_cli.moc"
