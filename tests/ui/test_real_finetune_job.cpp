// Fine-tuning jobs with the REAL trainer: JobManager runs `mindllm-cli sft|finetune` processes
// (not tests/ui/fake_trainer.cpp) on a tiny Llama made here, on CPU. A short instruction-tuning
// job succeeds within a minute, its model is published and answers in a chat session loaded the
// way the app's chat loads it; a job SIGKILLed after a checkpoint fails, and Resume continues from
// that checkpoint, not from step 0; a paused job (SIGTERM) checkpoints the step it stopped at and
// Resume continues from exactly there; a dataset whose line 5 is not JSON fails naming the file and
// line, and no other row of the database changes.
#include <QElapsedTimer>
#include <QThread>
#include <QtTest>
#include <algorithm>
#include <csignal>
#include <memory>

#include "core/jobs/job_store.h"
#include "tests/sft/sft_fixture.h"
#include "ui/models/chat_session.h"
#include "ui/models/job_manager.h"
#include "ui/workers/generation_worker.h"
#include "job_test_support.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;
using jobs::JobState;
using test::stateOf;
using test::waitForState;

namespace {

constexpr int kCheckpointEvery = 5;

// The records of one type in a job's metrics.jsonl, in file order.
std::vector<Json> records(const std::string& metricsPath, const std::string& type) {
  std::vector<Json> out;
  for (auto& record : sftfix::readJsonLines(metricsPath))
    if (record.value("type", "") == type) out.push_back(std::move(record));
  return out;
}

int64_t lastTrainStep(const std::string& metricsPath) {
  const auto train = records(metricsPath, "train");
  return train.empty() ? 0 : train.back()["step"].get<int64_t>();
}

// The app's chat, minus the window: a ChatSession over the profile's database whose
// GenerationWorker runs on its own thread, as MainWindow sets them up.
struct ChatHarness {
  QThread thread;
  GenerationWorker* worker = new GenerationWorker;
  AssistantCatalog assistants = test::testAssistants();
  std::unique_ptr<ChatSession> session;
  QString streamed;  // every piece textReady delivered, in order
  int pieces = 0;

  explicit ChatHarness(storage::ChatStore& store) {
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    session = std::make_unique<ChatSession>(store, assistants, worker);
    // Queued to this thread (the session is the context): the pieces as the chat pane gets them.
    QObject::connect(worker, &GenerationWorker::textReady, session.get(),
                     [this](quint64, const QString& piece, const GenerationTick&) {
                       streamed += piece;
                       ++pieces;
                     });
  }
  ~ChatHarness() {
    session.reset();
    thread.quit();
    thread.wait();
  }
};

}  // namespace

class TestRealFinetuneJob : public QObject {
  Q_OBJECT
  QTemporaryDir models_;
  QString base_;
  // One app profile for the whole run: the malformed-data case checks that the jobs before it
  // (and the chat) are left exactly as they were.
  test::TempProfile profile_;
  std::unique_ptr<JobManager> manager_;

  // A job for the real trainer, sized for CPU: 128-token sequences, 4 per step, no accumulation.
  jobs::JobDraft draft(const std::string& name, const std::string& command, const std::string& method,
                       const QString& dataset, int steps) const {
    jobs::JobDraft d;
    d.name = name;
    d.command = command;
    d.method = method;
    d.baseModel = base_.toStdString();
    d.dataset = dataset.toStdString();
    jobs::JobHyperparameters& h = d.hyperparameters;
    h.epochs = 0;
    h.maxSteps = steps;
    h.microBatch = 4;
    h.gradAccum = 1;
    h.seqLen = 128;
    h.warmupSteps = 2;
    h.lr = method == "lora" ? 1e-2 : 3e-3;
    h.lora.rank = 4;
    h.lora.alpha = 8;
    h.evalEvery = steps;  // one validation, at the end
    h.checkpointEvery = kCheckpointEvery;
    h.valFraction = 0.1;
    h.systemPrompt = "You are a legal assistant.";
    return d;
  }

  // `samples` question/answer lines the tiny model can learn (each actor has one fixed reply).
  QString writeGrammarData(const QString& name, size_t samples) const {
    const QString path = profile_.path(name);
    sftfix::writeLines(path.toStdString(), sftfix::alpacaLines(sftfix::grammarQa(samples, 11, /*mapping=*/0)));
    return path;
  }

  std::string metricsOf(qint64 id) const { return manager_->folder(id).metricsPath(); }

private Q_SLOTS:
  void initTestCase() {
    // One thread per trainer: the machine is shared, and the tiny model gains nothing from more.
    qputenv("OMP_NUM_THREADS", "1");
    QVERIFY(models_.isValid());
    base_ = QString::fromStdString(sftfix::makeBase(models_.filePath(QStringLiteral("tiny-llama")).toStdString()));
    manager_ = std::make_unique<JobManager>(profile_.dbPath(), JobPaths::under(profile_.dir.path()));
    manager_->setProgram(QStringLiteral(MINDLLM_CLI_PATH));
  }

  void instructionTuningFinishesAndTheModelChats() {
    const QString data = writeGrammarData(QStringLiteral("grammar.jsonl"), 48);
    QElapsedTimer timer;
    timer.start();
    const qint64 id = manager_->submit(draft("law-sft", "sft", "full", data, 30)).id;
    QVERIFY2(waitForState(*manager_, id, JobState::Succeeded, 90000), qPrintable(stateOf(*manager_, id)));
    const qint64 ms = timer.elapsed();
    qDebug("real sft job (30 steps, full, tiny-llama, CPU): %.1f s from submit to published", ms / 1000.0);
    QVERIFY2(ms < 60000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));

    // The trainer's own records: 30 steps, the loss went down, one done record.
    const auto train = records(metricsOf(id), "train");
    QCOMPARE(train.size(), size_t(30));
    QVERIFY(train.back()["loss"].get<double>() < train.front()["loss"].get<double>());
    QCOMPARE(records(metricsOf(id), "done").size(), size_t(1));
    QCOMPARE(manager_->progress(id).step(), int64_t(30));

    const QString tuned = manager_->paths().fineTunedRoot + QStringLiteral("/law-sft");
    QCOMPARE(QString::fromStdString(manager_->job(id)->outputModel), tuned);
    QVERIFY(QFile::exists(tuned + QStringLiteral("/model.safetensors")));

    // A chat with it, loaded and streamed the way the app's chat does it.
    ChatHarness chat(*profile_.store);
    QSignalSpy loaded(chat.worker, &GenerationWorker::modelLoaded);
    chat.session->setDevice(QStringLiteral("cpu"));
    chat.session->setModel(tuned);
    GenerationSettings settings;
    settings.temperature = 0;
    settings.maxTokens = 16;
    chat.session->setGenerationSettings(settings);
    QVERIFY(chat.session->send(QStringLiteral("What did the court do?")));
    QTRY_VERIFY_WITH_TIMEOUT(!chat.session->isGenerating(), 60000);
    qDebug("the fine-tuned model answered: \"%s\"", qPrintable(chat.streamed));
    QVERIFY(chat.pieces > 0);
    QVERIFY(!chat.streamed.trimmed().isEmpty());
    // Every English reply in the data begins "The <actor>": the tuned model learned at least that.
    QVERIFY2(chat.streamed.startsWith(QStringLiteral("The ")), qPrintable(chat.streamed));
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded[0][0].value<ModelSummary>().dir, tuned);
    const auto messages = profile_.store->messages(chat.session->conversationId());
    QCOMPARE(messages.size(), size_t(2));
    QCOMPARE(messages[1].state, storage::MessageState::Complete);
    QCOMPARE(QString::fromStdString(messages[1].content), chat.streamed);
  }

  void killedAfterACheckpointResumesFromIt() {
    const QString data = writeGrammarData(QStringLiteral("domain.jsonl"), 40);
    const qint64 id = manager_->submit(draft("law-killed", "finetune", "lora", data, 300)).id;
    // Step 6's record is written after step 5's checkpoint was saved: a checkpoint is on disk.
    const std::string metrics = metricsOf(id);
    QTRY_VERIFY_WITH_TIMEOUT(lastTrainStep(metrics) > kCheckpointEvery || !manager_->hasProcess(id), 60000);
    const qint64 pid = manager_->job(id)->pid;
    QVERIFY2(pid > 0 && manager_->hasProcess(id), qPrintable(stateOf(*manager_, id)));
    QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);  // what the out-of-memory killer does
    QVERIFY2(waitForState(*manager_, id, JobState::Failed, 30000), qPrintable(stateOf(*manager_, id)));
    const int64_t killedAt = lastTrainStep(metrics);
    qDebug("SIGKILLed at step %lld of 300", static_cast<long long>(killedAt));
    QVERIFY2(killedAt < 300, "the job finished before it could be killed: make it longer");
    QVERIFY(QString::fromStdString(manager_->job(id)->lastError).contains(QStringLiteral("ended unexpectedly")));
    QVERIFY(!QFile::exists(manager_->paths().fineTunedRoot + QStringLiteral("/law-killed")));

    manager_->resume(id);
    QVERIFY2(waitForState(*manager_, id, JobState::Succeeded, 120000), qPrintable(stateOf(*manager_, id)));
    // The second run's start record: it began at a checkpoint the first run wrote, not at 0.
    const auto starts = records(metrics, "start");
    QCOMPARE(starts.size(), size_t(2));
    QCOMPARE(starts[0]["step"].get<int64_t>(), int64_t(0));
    const int64_t resumedAt = starts[1]["step"].get<int64_t>();
    qDebug("resumed at step %lld", static_cast<long long>(resumedAt));
    QVERIFY(resumedAt >= kCheckpointEvery);
    QVERIFY(resumedAt <= killedAt);
    QCOMPARE(resumedAt % kCheckpointEvery, int64_t(0));
    // Steps past the checkpoint were dropped and trained again: each step once, 1..300.
    const auto train = records(metrics, "train");
    QCOMPARE(train.size(), size_t(300));
    for (size_t i = 0; i < train.size(); ++i) QCOMPARE(train[i]["step"].get<int64_t>(), int64_t(i + 1));
    QCOMPARE(manager_->progress(id).restarts(), 1);
    QVERIFY(QFile::exists(manager_->paths().fineTunedRoot + QStringLiteral("/law-killed/config.json")));
  }

  void pausedJobCheckpointsWhereItStoppedAndResumeFinishesIt() {
    const QString data = writeGrammarData(QStringLiteral("paused.jsonl"), 40);
    const qint64 id = manager_->submit(draft("law-paused", "finetune", "lora", data, 300)).id;
    const std::string metrics = metricsOf(id);
    QTRY_VERIFY_WITH_TIMEOUT(lastTrainStep(metrics) > 2 || !manager_->hasProcess(id), 60000);
    manager_->pause(id);  // SIGTERM: the trainer finishes its step, checkpoints it and exits 75
    QVERIFY2(waitForState(*manager_, id, JobState::Paused, 30000), qPrintable(stateOf(*manager_, id)));
    QVERIFY(!manager_->hasProcess(id));
    const int64_t pausedAt = lastTrainStep(metrics);
    qDebug("paused at step %lld of 300", static_cast<long long>(pausedAt));
    QVERIFY2(pausedAt < 300, "the job finished before it could be paused: make it longer");
    QVERIFY(!QFile::exists(manager_->paths().fineTunedRoot + QStringLiteral("/law-paused")));

    manager_->resume(id);
    QVERIFY2(waitForState(*manager_, id, JobState::Succeeded, 120000), qPrintable(stateOf(*manager_, id)));
    // Unlike a kill, a pause loses nothing: the second run starts at the very step it stopped at.
    const auto starts = records(metrics, "start");
    QCOMPARE(starts.size(), size_t(2));
    QCOMPARE(starts[1]["step"].get<int64_t>(), pausedAt);
    const auto train = records(metrics, "train");
    QCOMPARE(train.size(), size_t(300));
    for (size_t i = 0; i < train.size(); ++i) QCOMPARE(train[i]["step"].get<int64_t>(), int64_t(i + 1));
    QVERIFY(QFile::exists(manager_->paths().fineTunedRoot + QStringLiteral("/law-paused/config.json")));
  }

  void malformedLineFiveFailsNamingItAndChangesNothingElse() {
    const std::string before = jobs_test::dumpDatabase(profile_.dbPath().toStdString());
    const size_t jobsBefore = jobs::JobStore(profile_.dbPath().toStdString()).list().size();
    QVERIFY(jobsBefore >= 1);  // the jobs above, and the chat, are what must not change
    const QStringList finetunedBefore = QDir(manager_->paths().fineTunedRoot).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

    std::vector<std::string> lines = sftfix::alpacaLines(sftfix::grammarQa(12, 3));
    lines[4] = "this is line 5, and it is not JSON";
    const QString bad = profile_.path(QStringLiteral("bad.jsonl"));
    sftfix::writeLines(bad.toStdString(), lines);
    const qint64 id = manager_->submit(draft("law-bad-data", "sft", "full", bad, 20)).id;
    QVERIFY2(waitForState(*manager_, id, JobState::Failed, 60000), qPrintable(stateOf(*manager_, id)));
    const QString error = QString::fromStdString(manager_->job(id)->lastError);
    qDebug("last_error: %s", qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("error: %1:5: not valid JSON").arg(bad)), qPrintable(error));

    // Exactly one new row, the failed job's; every other row of every table is as it was.
    QCOMPARE(jobs::JobStore(profile_.dbPath().toStdString()).list().size(), jobsBefore + 1);
    QCOMPARE(test::dumpWithoutJob(profile_.dbPath(), id), before);
    QCOMPARE(QDir(manager_->paths().fineTunedRoot).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), finetunedBefore);
    QVERIFY(!QFile::exists(QString::fromStdString(manager_->folder(id).finalModelDir())));
  }

  void cleanupTestCase() { manager_.reset(); }
};

QTEST_GUILESS_MAIN(TestRealFinetuneJob)
#include "test_real_finetune_job.moc"
