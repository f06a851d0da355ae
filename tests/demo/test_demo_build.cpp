// `mindllm-cli demo build --tiny` end to end, as real processes on a slice of the shipped corpus:
// Ctrl-C during pretraining (exit 75, checkpoint kept), then a kill -9 further on, then a rerun
// that finishes without redoing the earlier stages; the report's numbers; the installed model
// loads and generates; a second rerun skips everything; a bad corpus is refused with its path.
#include <QProcess>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <regex>

#include "core/util/atomic_file.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;
using mindllm::Json;

namespace {

struct Result {
  int code;
  std::string out, err;
};

Result finish(QProcess& p, int timeoutMs) {
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished(5000);
    return {-1, p.readAllStandardOutput().toStdString(), "timeout\n" + p.readAllStandardError().toStdString()};
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput().toStdString(),
          p.readAllStandardError().toStdString()};
}

Result cli(const QStringList& args, int timeoutMs = 600000) {
  QProcess p;
  p.start(QString(MINDLLM_CLI), args);
  return finish(p, timeoutMs);
}

std::string tail(const std::string& s, size_t n = 1500) { return s.size() > n ? s.substr(s.size() - n) : s; }

// Waits until `path` exists or the process ends; true when it exists.
bool waitForPath(QProcess& p, const fs::path& path, int timeoutMs) {
  for (int waited = 0; waited < timeoutMs; waited += 20) {
    if (fs::exists(path)) return true;
    if (p.state() == QProcess::NotRunning) return fs::exists(path);
    p.waitForFinished(20);
  }
  return false;
}

fs::file_time_type mtime(const fs::path& p) { return fs::last_write_time(p); }

}  // namespace

class TestDemoBuild : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string out_, work_;
  QStringList buildArgs_;
  std::map<std::string, fs::file_time_type> earlierMarkers_;
  Json report_;

  fs::path marker(const std::string& stage) const { return fs::path(work_) / "stages" / (stage + ".json"); }
  fs::path checkpoint(int step) const {
    char name[32];
    std::snprintf(name, sizeof name, "step-%08d", step);
    return fs::path(work_) / "pretrain" / "checkpoints" / name;
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    out_ = tmp_.filePath("model").toStdString();
    work_ = out_ + ".work";
    buildArgs_ = {"demo", "build", "--tiny", "--threads", "2", "--out", QString::fromStdString(out_),
                  "--corpus", MINDLLM_SOURCE_DIR "/resources/corpus", "--domains", MINDLLM_SOURCE_DIR "/domains"};
  }

  void ctrlCDuringPretrainingStopsAtACheckpoint() {
    QProcess p;
    p.start(QString(MINDLLM_CLI), buildArgs_);
    QVERIFY2(waitForPath(p, checkpoint(10), 300000), tail(p.readAllStandardError().toStdString()).c_str());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    const Result r = finish(p, 120000);
    QVERIFY2(r.code == 75, (std::to_string(r.code) + "\n" + tail(r.out) + tail(r.err)).c_str());
    QVERIFY(r.out.find("run the same command again to resume") != std::string::npos);
    QVERIFY(!fs::exists(marker("pretrain")));
    for (const char* stage : {"data", "tokenizer", "pretokenize"}) QVERIFY2(fs::exists(marker(stage)), stage);
    const Json partial = mindllm::readJsonFile(work_ + "/demo_report.json");
    QCOMPARE(partial["interrupted"]["stage"].get<std::string>(), std::string("pretrain"));
  }

  void killDuringPretrainingLosesOnlyTheStepsSinceTheCheckpoint() {
    for (const char* stage : {"data", "tokenizer", "pretokenize"}) earlierMarkers_[stage] = mtime(marker(stage));
    QProcess p;
    p.start(QString(MINDLLM_CLI), buildArgs_);
    // The previous run stopped at a checkpoint >= 10; wait for a later one, then kill -9.
    QVERIFY2(waitForPath(p, checkpoint(30), 300000), tail(p.readAllStandardError().toStdString()).c_str());
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(30000);
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    QVERIFY(!fs::exists(marker("pretrain")));
    QVERIFY(!fs::exists(out_ + "/config.json"));  // nothing installed yet
  }

  void rerunFinishesWithoutRedoingEarlierStages() {
    const Result r = cli(buildArgs_);
    QVERIFY2(r.code == 0, (std::to_string(r.code) + "\n" + tail(r.out) + tail(r.err)).c_str());
    for (const char* stage : {"data", "tokenizer", "pretokenize"}) {
      const std::regex skipped(std::string("\\] ") + stage + ": [^\\n]*\\(done earlier, skipped\\)");
      QVERIFY2(std::regex_search(r.out, skipped), stage);
      QVERIFY2(mtime(marker(stage)) == earlierMarkers_[stage], stage);
    }
    report_ = mindllm::readJsonFile(work_ + "/demo_report.json");
    const Json pretrain = mindllm::readJsonFile(marker("pretrain").string())["report"];
    QVERIFY(pretrain["resumed_from_step"].get<int64_t>() >= 30);  // continued from the kill's last checkpoint
    QCOMPARE(pretrain["steps"].get<int64_t>(), report_["recipe"]["pretrain_steps"].get<int64_t>());
  }

  void reportNumbersAreSane() {
    std::vector<std::string> names;
    std::map<std::string, Json> stages;
    for (const auto& s : report_["stages"]) {
      names.push_back(s["stage"]);
      stages[s["stage"]] = s["report"];
      QVERIFY(s["seconds"].get<double>() > 0);
    }
    const std::vector<std::string> expected = {"data",   "tokenizer", "pretokenize", "pretrain",
                                             "select", "sft",       "eval",        "register"};
    QCOMPARE(names, expected);

    std::map<std::string, Json> data;
    for (const auto& s : stages["data"]["stages"]) data[s["stage"]] = s;
    const Json& dropped = data["dedup"]["dropped_by_reason"];
    QVERIFY(dropped["exact_duplicate"]["docs"].get<int64_t>() > 0);
    QVERIFY(dropped["near_duplicate"]["docs"].get<int64_t>() > 0);
    QVERIFY(data["pii"]["counters"]["docs_with_pii"].get<int64_t>() > 0);
    QVERIFY(data["filter"]["docs_dropped"].get<int64_t>() > 0);
    QVERIFY(data["langid"]["dropped_by_reason"].contains("language_other"));
    const Json& planted = stages["data"]["planted_copies"];
    for (const char* kind : {"exact_copy", "near_copy"}) {
      QVERIFY(planted[kind]["in_input"].get<int64_t>() > 0);
      QCOMPARE(planted[kind]["removed"].get<int64_t>(), planted[kind]["in_input"].get<int64_t>());
    }
    // No placeholder-free personal data left: the cleaned text has placeholders, not numbers.
    bool sawPlaceholder = false;
    for (const auto& [lang, file] : stages["data"]["outputs"].items()) {
      const std::string text = mindllm::readFile(file.get<std::string>());
      sawPlaceholder = sawPlaceholder || text.find("<PHONE>") != std::string::npos;
      QVERIFY2(text.find("@example.") == std::string::npos, file.get<std::string>().c_str());
    }
    QVERIFY(sawPlaceholder);

    QVERIFY(stages["tokenizer"]["vocab_size"].get<int>() > 500);
    QVERIFY(stages["pretokenize"]["train"]["tokens"].get<int64_t>() > 10000);
    QVERIFY(stages["pretokenize"]["val"]["tokens"].get<int64_t>() > 0);
    const Json& pretrain = stages["pretrain"];
    QVERIFY(pretrain["last_loss"].get<double>() < pretrain["first_loss"].get<double>());
    QVERIFY(!pretrain["val"].empty());

    // Selection: the corpus's and the packs' instruction sets pooled (questions asked in both kept
    // once), the candidates scored, the tails of the score distribution dropped.
    const Json& select = stages["select"];
    QVERIFY(select["inputs"].size() >= 4);
    QVERIFY(select["duplicates_removed"].get<int64_t>() > 0);
    const int64_t candidates = select["candidates"].get<int64_t>();
    QCOMPARE(candidates + select["duplicates_removed"].get<int64_t>(), select["records"].get<int64_t>());
    // The tiny model's 256-token window cannot reach the reply of some long samples: those stay
    // unscored and are never kept (the full recipe's window reaches every reply).
    const int64_t scored = select["score_summary"]["scored"].get<int64_t>();
    QVERIFY2(scored > candidates / 2, select.dump().c_str());
    QVERIFY(select["band"]["low"].get<double>() < select["band"]["high"].get<double>());
    const int64_t selected = select["selected"].get<int64_t>();
    QVERIFY2(selected > scored / 2 && selected < scored, select.dump().c_str());
    const std::string subset = mindllm::readFile(select["selected_file"].get<std::string>());
    QCOMPARE(static_cast<int64_t>(std::count(subset.begin(), subset.end(), '\n')), selected);
    const Json& sft = stages["sft"];
    QVERIFY(sft["train_samples"].get<int64_t>() + sft["val_samples"].get<int64_t>() == selected);
    QVERIFY2(sft["last_loss"].get<double>() < sft["first_loss"].get<double>(), sft.dump().c_str());

    const Json& ppl = stages["eval"]["held_out"]["perplexity"];
    QVERIFY2(ppl["pretrained"].get<double>() < 0.5 * ppl["untrained"].get<double>(), ppl.dump().c_str());
    QVERIFY(ppl.contains("final"));
    QCOMPARE(stages["register"]["model_dir"].get<std::string>(), fs::absolute(out_).string());
    QVERIFY(stages["register"]["instruction_tuned"].get<bool>());
  }

  void installedModelLoadsAndGenerates() {
    QVERIFY(fs::exists(out_ + "/config.json"));
    QVERIFY(fs::exists(out_ + "/tokenizer.model"));
    const Json about = mindllm::readJsonFile(out_ + "/mindllm_demo.json");
    QCOMPARE(about["made_by"].get<std::string>(), std::string("mindllm-cli demo build"));
    const Result r = cli({"generate", "--model", QString::fromStdString(out_), "--prompt", "合同违约",
                          "--temperature", "0", "--max-new-tokens", "8"},
                         120000);
    QVERIFY2(r.code == 0, tail(r.err).c_str());
    std::smatch m;
    QVERIFY2(std::regex_search(r.err, m, std::regex("\\| (\\d+) new tokens")), r.err.c_str());
    QVERIFY(std::stoi(m[1]) > 0);
  }

  void secondRerunSkipsEveryStage() {
    const auto installed = mtime(out_ + "/model.safetensors");
    const Result r = cli(buildArgs_, 120000);
    QVERIFY2(r.code == 0, tail(r.err).c_str());
    size_t skipped = 0;
    for (size_t at = r.out.find("(done earlier, skipped)"); at != std::string::npos;
         at = r.out.find("(done earlier, skipped)", at + 1))
      ++skipped;
    QCOMPARE(skipped, report_["stages"].size());
    QVERIFY(mtime(out_ + "/model.safetensors") == installed);
  }

  void anotherRecipeInTheSameWorkFolderIsRefused() {
    QStringList full = buildArgs_;
    full.removeAll("--tiny");
    const Result r = cli(full, 60000);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find("demo_options.json") != std::string::npos, r.err.c_str());
  }

  void aFolderNotMadeByTheBuildIsNeverReplaced() {
    const fs::path own = tmp_.filePath("my-model").toStdString();
    fs::create_directories(own);
    mindllm::writeFileAtomic((own / "config.json").string(), "{}");
    const Result r = cli({"demo", "build", "--tiny", "--out", QString::fromStdString(own.string())}, 60000);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find(own.string() + ": exists and was not made by demo build") != std::string::npos, r.err.c_str());
    QCOMPARE(mindllm::readFile((own / "config.json").string()), std::string("{}"));
    QVERIFY(!fs::exists(own.string() + ".work"));
  }

  void badCorpusIsRefusedWithItsPath() {
    const QString missing = tmp_.filePath("no-corpus");
    const Result r = cli({"demo", "build", "--tiny", "--out", tmp_.filePath("other"), "--corpus", missing}, 60000);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find((missing + "/train").toStdString()) != std::string::npos, r.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestDemoBuild)
#include "test_demo_build.moc"
