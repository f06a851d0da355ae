// The job manager with real processes (a fake trainer that follows the fine-tuning commands'
// contract, tests/ui/fake_trainer.cpp) over a real database: a job runs to success and its model
// appears in the model list; the queue runs one job per device, first in first out; Pause and
// Resume continue from the checkpoint; a killed process fails and Resume finishes it; Cancel;
// a malformed dataset line fails the job naming the line and changes nothing else; closing or
// killing the app leaves the job interrupted and Resume finishes it.
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <memory>
#include <set>

#include "core/io/model_folder.h"
#include "core/jobs/job_store.h"
#include "core/storage/chat_store.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "ui/models/job_list_model.h"
#include "ui/models/job_manager.h"
#include "ui/models/model_list_model.h"
#include "job_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;
using jobs::JobState;
using test::fakeDraft;
using test::stateOf;
using test::waitForState;

namespace {

// One app profile: the database (with a conversation in it), the jobs and fine-tuned folders.
struct Profile {
  QTemporaryDir dir;
  QString db = dir.filePath(QStringLiteral("chats.sqlite"));
  JobPaths paths = JobPaths::under(dir.path());
  std::unique_ptr<storage::ChatStore> chats = std::make_unique<storage::ChatStore>(db.toStdString());
  std::unique_ptr<JobManager> manager;

  Profile() {
    storage::Conversation c;
    c.title = "合同审查";
    chats->addMessage(chats->createConversation(c).id, "user", "违约责任是什么？");
    open();
  }
  void open() {
    manager = std::make_unique<JobManager>(db, paths);
    manager->setProgram(test::fakeTrainer());
  }
  QString dataset(int samples, int badLine = 0, const QString& name = QStringLiteral("train.jsonl")) {
    return test::writeDataset(dir.filePath(name), samples, badLine);
  }
};

// The steps of the training records, in order.
std::vector<int64_t> steps(const jobs::JobProgress& p) {
  std::vector<int64_t> out;
  for (const auto& point : p.trainLoss()) out.push_back(point.step);
  return out;
}

std::vector<int64_t> oneTo(int64_t n) {
  std::vector<int64_t> out;
  for (int64_t i = 1; i <= n; ++i) out.push_back(i);
  return out;
}

bool waitForStep(JobManager& manager, qint64 id, int64_t step, int timeoutMs = 20000) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    if (manager.progress(id).step() >= step) return true;
    QTest::qWait(10);
  }
  return false;
}

}  // namespace

class TestJobManager : public QObject {
  Q_OBJECT
  QTemporaryDir models_;
  QString base_;

private Q_SLOTS:
  void initTestCase() {
    qputenv("FAKE_TRAINER_STEP_MS", "25");
    base_ = models_.filePath(QStringLiteral("tiny-llama"));
    initModelFolder(base_.toStdString(), "tiny-llama", MINDLLM_FIXTURES_DIR "/tokenizer/bpe");
  }

  void runsToSuccessAndPublishesTheModel() {
    Profile p;
    QSignalSpy published(p.manager.get(), &JobManager::modelPublished);
    const jobs::Job job = p.manager->submit(fakeDraft("law-tiny", base_, p.dataset(40), 12));
    QCOMPARE(p.manager->job(job.id)->state, JobState::Running);  // nothing else runs: it starts at once
    QVERIFY(p.manager->job(job.id)->pid > 0);
    QVERIFY2(waitForState(*p.manager, job.id, JobState::Succeeded), qPrintable(stateOf(*p.manager, job.id)));

    const jobs::JobProgress& progress = p.manager->progress(job.id);
    QCOMPARE(progress.step(), int64_t(12));
    QCOMPARE(progress.maxSteps(), int64_t(12));
    QCOMPARE(steps(progress), oneTo(12));
    QCOMPARE(progress.valLoss().size(), size_t(3));  // every 4 steps
    QVERIFY(progress.trainLoss().back().loss < progress.trainLoss().front().loss);
    QCOMPARE(progress.trainSamples(), int64_t(40));

    // The model moved into the fine-tuned folder under the job's name, atomically and whole.
    const QString model = p.paths.fineTunedRoot + QStringLiteral("/law-tiny");
    QCOMPARE(QString::fromStdString(p.manager->job(job.id)->outputModel), model);
    QVERIFY(QFile::exists(model + QStringLiteral("/config.json")));
    QVERIFY(!QFile::exists(QString::fromStdString(p.manager->folder(job.id).finalModelDir())));
    QCOMPARE(published.size(), 1);
    QCOMPARE(published[0][1].toString(), model);

    // job.json is what the command read; the log holds the run.
    const Json config = readJsonFile(p.manager->folder(job.id).configPath());
    QCOMPARE(QString::fromStdString(config["sft"]["train_file"].get<std::string>()), p.dir.filePath("train.jsonl"));
    QVERIFY(p.manager->log(job.id).contains(QStringLiteral("=== run started")));
    QVERIFY(p.manager->log(job.id).contains(QStringLiteral("done:")));

    // The chat's model list finds it and can use it.
    ModelListModel models;
    QSignalSpy refreshed(&models, &ModelListModel::refreshed);
    ModelSources sources;
    sources.fineTunedRoot = p.paths.fineTunedRoot;
    models.setSources(sources);
    QVERIFY(refreshed.wait(20000));
    const int row = models.rowOfDir(model);
    QVERIFY(row >= 0);
    QCOMPARE(models.index(row).data(ModelListModel::SourceRole).toInt(), int(ModelListModel::Source::FineTuned));
    QVERIFY2(models.index(row).data(ModelListModel::UsableRole).toBool(),
             qPrintable(models.index(row).data(ModelListModel::ErrorRole).toString()));

    // What the database kept, seen from a fresh connection.
    jobs::JobStore reread(p.db.toStdString());
    const jobs::Job stored = reread.require(job.id);
    QCOMPARE(stored.state, JobState::Succeeded);
    QCOMPARE(stored.step, int64_t(12));
    QCOMPARE(stored.maxSteps, int64_t(12));
    QVERIFY(stored.finishedAt >= stored.startedAt);
  }

  void queueRunsOneJobPerDeviceInOrder() {
    Profile p;
    std::vector<qint64> startOrder;
    connect(p.manager.get(), &JobManager::jobChanged, this, [&](qint64 id) {
      if (p.manager->job(id)->state == JobState::Running &&
          std::find(startOrder.begin(), startOrder.end(), id) == startOrder.end())
        startOrder.push_back(id);
    });
    const QString data = p.dataset(20);
    const qint64 a = p.manager->submit(fakeDraft("a", base_, data, 10)).id;
    const qint64 b = p.manager->submit(fakeDraft("b", base_, data, 3)).id;
    jobs::JobDraft onGpu = fakeDraft("c", base_, data, 3);
    onGpu.device = "cuda:1";  // another device: runs beside a (the fake trainer ignores the device)
    const qint64 c = p.manager->submit(onGpu).id;
    QCOMPARE(p.manager->job(a)->state, JobState::Running);
    QCOMPARE(p.manager->job(b)->state, JobState::Queued);
    QCOMPARE(p.manager->job(c)->state, JobState::Running);
    QCOMPARE(p.manager->queuePosition(b), 1);
    JobListModel list(p.manager.get());
    QCOMPARE(list.index(list.rowOf(b)).data(JobListModel::StateTextRole).toString(), QStringLiteral("Queued (next)"));
    QVERIFY2(waitForState(*p.manager, b, JobState::Succeeded), qPrintable(stateOf(*p.manager, b)));
    QVERIFY(waitForState(*p.manager, a, JobState::Succeeded));
    QVERIFY(waitForState(*p.manager, c, JobState::Succeeded));
    QCOMPARE(startOrder, (std::vector<qint64>{a, c, b}));
    QVERIFY(p.manager->job(b)->startedAt >= p.manager->job(a)->finishedAt);
  }

  void pauseAndResumeContinueFromTheCheckpoint() {
    Profile p;
    const qint64 id = p.manager->submit(fakeDraft("pause-me", base_, p.dataset(20), 40)).id;
    QVERIFY(waitForStep(*p.manager, id, 8));
    p.manager->pause(id);
    QVERIFY(p.manager->isStopping(id));
    QVERIFY2(waitForState(*p.manager, id, JobState::Paused), qPrintable(stateOf(*p.manager, id)));
    QCOMPARE(p.manager->job(id)->lastError, std::string());
    const int64_t pausedAt = p.manager->progress(id).step();
    QVERIFY(pausedAt >= 8 && pausedAt < 40);
    QCOMPARE(p.manager->job(id)->step, pausedAt);  // kept in the database for the list
    QVERIFY(QFile::exists(QString::fromStdString(p.manager->folder(id).outputDir()) + "/checkpoints/latest"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, p.manager->pause(id));

    p.manager->resume(id);
    QVERIFY2(waitForState(*p.manager, id, JobState::Succeeded), qPrintable(stateOf(*p.manager, id)));
    const jobs::JobProgress& progress = p.manager->progress(id);
    QCOMPARE(progress.restarts(), 1);
    QCOMPARE(steps(progress), oneTo(40));  // no step lost, none twice
  }

  void killedProcessFailsAndResumeFinishes() {
    Profile p;
    const qint64 id = p.manager->submit(fakeDraft("oom", base_, p.dataset(20), 40, 5)).id;
    QVERIFY(waitForStep(*p.manager, id, 12));
    const qint64 pid = p.manager->job(id)->pid;
    QVERIFY(pid > 0);
    ::kill(static_cast<pid_t>(pid), SIGKILL);  // what the out-of-memory killer does
    QVERIFY2(waitForState(*p.manager, id, JobState::Failed), qPrintable(stateOf(*p.manager, id)));
    QVERIFY(QString::fromStdString(p.manager->job(id)->lastError).contains(QStringLiteral("ended unexpectedly")));

    p.manager->resume(id);
    QVERIFY2(waitForState(*p.manager, id, JobState::Succeeded), qPrintable(stateOf(*p.manager, id)));
    const jobs::JobProgress& progress = p.manager->progress(id);
    QCOMPARE(progress.restarts(), 1);
    QCOMPARE(steps(progress), oneTo(40));
    QCOMPARE(p.manager->log(id).count(QStringLiteral("=== run started")), 2);
    // The second run started at a checkpoint (a multiple of 5), not from scratch.
    QVERIFY(p.manager->log(id).contains(QRegularExpression(QStringLiteral("steps (10|15|20|25|30|35) -> 40"))));
  }

  void cancelStopsForGood() {
    Profile p;
    const QString data = p.dataset(20);
    const qint64 running = p.manager->submit(fakeDraft("cancel-running", base_, data, 200)).id;
    const qint64 queued = p.manager->submit(fakeDraft("cancel-queued", base_, data, 5)).id;
    QVERIFY(waitForStep(*p.manager, running, 3));
    p.manager->cancel(queued);
    QCOMPARE(p.manager->job(queued)->state, JobState::Cancelled);
    p.manager->cancel(running);
    QVERIFY2(waitForState(*p.manager, running, JobState::Cancelled), qPrintable(stateOf(*p.manager, running)));
    QVERIFY(!QDir(p.paths.fineTunedRoot).exists() || QDir(p.paths.fineTunedRoot).isEmpty());
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, p.manager->resume(running));
    // A stopped job can be deleted, with its folder.
    const QString folder = QString::fromStdString(p.manager->folder(running).dir);
    QVERIFY(QDir(folder).exists());
    p.manager->remove(running);
    QVERIFY(!p.manager->job(running));
    QTRY_VERIFY(!QDir(folder).exists());
  }

  void malformedLineFailsNamingItAndChangesNothingElse() {
    Profile p;
    const qint64 earlier = p.manager->submit(fakeDraft("earlier", base_, p.dataset(20), 3)).id;
    QVERIFY(waitForState(*p.manager, earlier, JobState::Succeeded));
    const std::string before = jobs_test::dumpDatabase(p.db.toStdString());
    const QStringList finetunedBefore = QDir(p.paths.fineTunedRoot).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

    const QString bad = p.dataset(30, 17, QStringLiteral("bad.jsonl"));
    const qint64 id = p.manager->submit(fakeDraft("bad-data", base_, bad, 10)).id;
    QVERIFY2(waitForState(*p.manager, id, JobState::Failed), qPrintable(stateOf(*p.manager, id)));
    const QString error = QString::fromStdString(p.manager->job(id)->lastError);
    QCOMPARE(error, QStringLiteral("error: %1:17: field \"output\" missing").arg(bad));

    // Only the failed job's own row is new; conversations and the other job are as they were.
    QCOMPARE(test::dumpWithoutJob(p.db, id), before);
    QCOMPARE(QDir(p.paths.fineTunedRoot).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), finetunedBefore);
    QVERIFY(!QFile::exists(QString::fromStdString(p.manager->folder(id).finalModelDir())));
    storage::ChatStore reread(p.db.toStdString());
    QCOMPARE(reread.integrityCheck(), std::string("ok"));
  }

  void closingTheAppInterruptsAndResumeContinues() {
    Profile p;
    const qint64 id = p.manager->submit(fakeDraft("closed", base_, p.dataset(20), 40)).id;
    QVERIFY(waitForStep(*p.manager, id, 8));
    QElapsedTimer t;
    t.start();
    p.manager->shutdown();
    QVERIFY(t.elapsed() < 5000);  // the trainer checkpoints and exits at once
    p.manager.reset();
    QCOMPARE(jobs::JobStore(p.db.toStdString()).require(id).state, JobState::Interrupted);

    p.open();  // the app starts again
    QCOMPARE(p.manager->job(id)->state, JobState::Interrupted);
    QVERIFY(QString::fromStdString(p.manager->job(id)->lastError).contains(QStringLiteral("app closed")));
    p.manager->resume(id);
    QVERIFY2(waitForState(*p.manager, id, JobState::Succeeded), qPrintable(stateOf(*p.manager, id)));
    QCOMPARE(p.manager->progress(id).restarts(), 1);
    QCOMPARE(steps(p.manager->progress(id)), oneTo(40));
  }

  void killedAppLeavesTheJobInterruptedAndResumeFinishes() {
    Profile p;
    p.manager.reset();  // the app under test is the host process
    QProcess host;
    host.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    host.start(QStringLiteral(JOB_HOST_PATH), {p.db, p.paths.jobsRoot, p.paths.fineTunedRoot, test::fakeTrainer(), base_,
                                               p.dataset(20), QStringLiteral("60")});
    QVERIFY(host.waitForStarted());
    QVERIFY(host.waitForReadyRead(20000));
    const QByteArray line = host.readLine().trimmed();
    QVERIFY2(line.startsWith("started "), line.constData());
    const qint64 id = line.mid(8).toLongLong();
    const QString metrics = p.paths.jobsRoot + QStringLiteral("/%1/output/metrics.jsonl").arg(id);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
      QFile f(metrics);
      return f.open(QIODevice::ReadOnly) && f.readAll().count("\"train\"") >= 8;
    }(), 20000);
    host.kill();  // SIGKILL: no shutdown code runs
    QVERIFY(host.waitForFinished(5000));

    p.open();
    QCOMPARE(p.manager->job(id)->state, JobState::Interrupted);
    p.manager->resume(id);  // waits for the orphaned trainer (told to stop when the app died)
    QVERIFY2(waitForState(*p.manager, id, JobState::Succeeded), qPrintable(stateOf(*p.manager, id)));
    const jobs::JobProgress& progress = p.manager->progress(id);
    QVERIFY(progress.restarts() >= 1);
    QCOMPARE(steps(progress), oneTo(60));
    QVERIFY(QFile::exists(p.paths.fineTunedRoot + QStringLiteral("/killed-with-the-app/config.json")));
  }

  void progressAndEtaWhileRunning() {
    Profile p;
    const qint64 id = p.manager->submit(fakeDraft("eta", base_, p.dataset(20), 80)).id;
    QVERIFY(waitForStep(*p.manager, id, 10));
    QTRY_VERIFY(p.manager->etaMs(id).has_value());
    const qint64 eta = *p.manager->etaMs(id);
    QVERIFY2(eta > 0 && eta < 20000, qPrintable(QString::number(eta)));
    JobListModel list(p.manager.get());
    const QModelIndex row = list.index(list.rowOf(id));
    QVERIFY(row.data(JobListModel::ProgressRole).toDouble() > 0.1);
    QVERIFY(row.data(JobListModel::ProgressRole).toDouble() < 1.0);
    QVERIFY2(row.data(JobListModel::DetailRole).toString().contains(QStringLiteral("left")),
             qPrintable(row.data(JobListModel::DetailRole).toString()));
    QCOMPARE(row.data(JobListModel::StateTextRole).toString(), QStringLiteral("Running"));
    QVERIFY(waitForState(*p.manager, id, JobState::Succeeded));
    QVERIFY(!p.manager->etaMs(id).has_value());
    QCOMPARE(list.index(list.rowOf(id)).data(JobListModel::ProgressRole).toDouble(), 1.0);
  }

  void badDraftsCreateNothing() {
    Profile p;
    const std::string before = jobs_test::dumpDatabase(p.db.toStdString());
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, p.manager->submit(fakeDraft("a/b", base_, p.dataset(3), 3)));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, p.manager->submit(fakeDraft("x", QString(), p.dataset(3), 3)));
    QCOMPARE(jobs_test::dumpDatabase(p.db.toStdString()), before);
    QVERIFY(!QDir(p.paths.jobsRoot).exists());
  }

  void aRowChangedElsewhereIsReportedNotFatal() {
    Profile p;
    QSignalSpy errors(p.manager.get(), &JobManager::errorOccurred);
    const qint64 id = p.manager->submit(fakeDraft("deleted-elsewhere", base_, p.dataset(5), 20)).id;
    QVERIFY(waitForStep(*p.manager, id, 2));
    {  // another program (or a second window) removes the row under the running job
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(p.db.toUtf8().constData(), &db), SQLITE_OK);
      QCOMPARE(sqlite3_exec(db, "DELETE FROM jobs", nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_close(db);
    }
    // The process ends, its outcome cannot be stored: an error to show, no crash, nothing published.
    QTRY_VERIFY_WITH_TIMEOUT(!p.manager->hasProcess(id), 20000);
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.last()[0].toString().contains(QStringLiteral("not found")), qPrintable(errors.last()[0].toString()));
    QVERIFY(!QDir(p.paths.fineTunedRoot).exists());
  }

  void aMissingProgramFailsTheJob() {
    Profile p;
    p.manager->setProgram(p.dir.filePath(QStringLiteral("no-such-cli")));
    const qint64 id = p.manager->submit(fakeDraft("no-cli", base_, p.dataset(3), 3)).id;
    QVERIFY2(waitForState(*p.manager, id, JobState::Failed), qPrintable(stateOf(*p.manager, id)));
    QVERIFY(QString::fromStdString(p.manager->job(id)->lastError).contains(QStringLiteral("no-such-cli")));
  }
};

QTEST_GUILESS_MAIN(TestJobManager)
#include "test_job_manager.moc"
