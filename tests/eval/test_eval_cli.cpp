// `mindllm-cli eval` and `mindllm-cli eval compare` as real processes: reports written and read
// back, the Markdown table printed, two models compared, and a malformed file failing with its
// file and line on stderr.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/model_folder.h"
#include "training/eval/eval_report.h"

using namespace mindllm;

namespace {

const std::string kTokenizer = MINDLLM_FIXTURES_DIR "/tokenizer/bpe";
const QString kEval = MINDLLM_FIXTURES_DIR "/eval";

struct Run {
  int code = -1;
  QString out, err;
};

Run cli(const QStringList& args) {
  QProcess p;
  p.start(MINDLLM_CLI_PATH, args);
  if (!p.waitForFinished(120000)) p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestEvalCli : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString path(const QString& name) { return tmp_.path() + "/" + name; }

private Q_SLOTS:
  void initTestCase() {
    initModelFolder(path("llama-a").toStdString(), "tiny-llama", kTokenizer, 21);
    initModelFolder(path("neo-b").toStdString(), "tiny-gpt-neo", kTokenizer, 22);
  }

  void evalWritesReportsAndCompareShowsBoth() {
    auto a = cli({"eval", "--model", path("llama-a"), "--task", "ceval", "--data", kEval + "/ceval", "--shots", "1",
                  "--batch-size", "4", "--out", path("a.json"), "--markdown", path("a.md"), "--threads", "2"});
    QVERIFY2(a.code == 0, qPrintable(a.err));
    QVERIFY(a.out.contains("| **Average** | | 7 |"));
    QVERIFY(a.out.contains("法学 (law)"));
    const auto report = eval::readReport(path("a.json").toStdString());
    QCOMPARE(report.average.count, int64_t(7));
    QCOMPARE(report.modelName(), std::string("llama-a"));
    QCOMPARE(report.settings["shots"].get<int>(), 1);
    QCOMPARE(int(report.items.size()), 7);
    QFile md(path("a.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(md.readAll()).contains("| **Average** |"));

    auto b = cli({"eval", "--model", path("neo-b"), "--task", "ceval", "--data", kEval + "/ceval", "--shots", "1",
                  "--scoring", "both", "--no-items", "--out", path("b.json")});
    QVERIFY2(b.code == 0, qPrintable(b.err));
    QVERIFY(b.out.contains("option_norm_accuracy"));
    QCOMPARE(int(eval::readReport(path("b.json").toStdString()).items.size()), 0);

    auto c = cli({"eval", "compare", path("a.json"), path("b.json"), "--out", path("cmp.md")});
    QVERIFY2(c.code == 0, qPrintable(c.err));
    QVERIFY(c.out.contains("|  | llama-a (1-shot) | neo-b (1-shot) |"));
    QVERIFY(c.out.contains("Category: STEM"));
    QVERIFY(c.out.contains("计算机网络 (computer_network)"));
    QVERIFY(QFile::exists(path("cmp.md")));
  }

  void perplexityFromTheCommandLine() {
    auto r = cli({"eval", "--model", path("neo-b"), "--task", "perplexity", "--data", kEval + "/perplexity", "--context",
                  "64", "--out", path("ppl.json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto report = eval::readReport(path("ppl.json").toStdString());
    QCOMPARE(report.metric, std::string("perplexity"));
    QCOMPARE(int(report.subjects.size()), 2);
    QCOMPARE(report.settings["window"].get<int>(), 64);
  }

  void malformedDataFailsWithFileAndLine() {
    auto r = cli({"eval", "--model", path("llama-a"), "--task", "ceval", "--data", kEval + "/malformed/ceval"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("law_val.csv:3: field 'answer'"), qPrintable(r.err));
    r = cli({"eval", "--model", path("llama-a"), "--task", "nosuch", "--data", kEval + "/ceval"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("unknown task 'nosuch'"));
    r = cli({"eval", "compare", kEval + "/domain_choice/task.json"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("not an evaluation report"));
    QCOMPARE(cli({"eval", "--help"}).code, 0);
  }
};

QTEST_GUILESS_MAIN(TestEvalCli)
#include "test_eval_cli.moc"
