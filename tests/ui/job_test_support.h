#pragma once
// Shared by the job manager and Jobs page tests: datasets in the two formats (optionally with a
// malformed line), a real tiny base model, waiting for a job's state, and a database dump that
// leaves out one job's row ("nothing else changed").
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <string>

#include "core/jobs/job_record.h"
#include "jobs/job_test_support.h"
#include "ui/models/job_manager.h"

namespace mindllm::ui::test {

// `samples` alpaca lines; line `badLine` (1-based, 0 = none) lacks its "output".
inline QString writeDataset(const QString& path, int samples, int badLine = 0) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  for (int i = 1; i <= samples; ++i) {
    const QByteArray q = "合同第" + QByteArray::number(i) + "条的违约责任是什么？";
    if (i == badLine)
      f.write("{\"instruction\": \"" + q + "\"}\n");
    else
      f.write("{\"instruction\": \"" + q + "\", \"output\": \"违约方应当承担继续履行、采取补救措施或者赔偿损失等违约责任。\"}\n");
  }
  return path;
}

#ifdef FAKE_TRAINER_PATH
inline QString fakeTrainer() { return QStringLiteral(FAKE_TRAINER_PATH); }
#endif

// A draft for the fake trainer: `steps` steps, checkpoints every `checkpointEvery`.
inline jobs::JobDraft fakeDraft(const std::string& name, const QString& baseModel, const QString& dataset, int steps,
                                int checkpointEvery = 5) {
  jobs::JobDraft d;
  d.name = name;
  d.baseModel = baseModel.toStdString();
  d.dataset = dataset.toStdString();
  d.hyperparameters.epochs = 0;
  d.hyperparameters.maxSteps = steps;
  d.hyperparameters.checkpointEvery = checkpointEvery;
  d.hyperparameters.evalEvery = 4;
  return d;
}

inline bool waitForState(JobManager& manager, qint64 id, jobs::JobState state, int timeoutMs = 30000) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    auto j = manager.job(id);
    if (j && j->state == state && !manager.hasProcess(id)) return true;
    if (j && j->state == state && state == jobs::JobState::Running) return true;
    QTest::qWait(20);
  }
  return false;
}

inline QString stateOf(JobManager& manager, qint64 id) {
  auto j = manager.job(id);
  return j ? QString::fromLatin1(jobs::toString(j->state)) + QStringLiteral(" ") + QString::fromStdString(j->lastError)
           : QStringLiteral("missing");
}

// Every row of every table, without job `skipJobId` (the newest job): its row and its id.
inline std::string dumpWithoutJob(const QString& dbPath, qint64 skipJobId) {
  QTemporaryDir copy;
  const QString path = copy.filePath(QStringLiteral("copy.sqlite"));
  // Copy through SQLite itself (a WAL database is more than one file).
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  sqlite3_open(dbPath.toUtf8().constData(), &src);
  sqlite3_open(path.toUtf8().constData(), &dst);
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  // The row goes, and the id counter it advanced (AUTOINCREMENT never reuses an id) steps back.
  const std::string del = "DELETE FROM jobs WHERE id = " + std::to_string(skipJobId) +
                          "; UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'jobs'"
                          "; DELETE FROM sqlite_sequence WHERE name = 'jobs' AND seq = 0";
  sqlite3_exec(dst, del.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(src);
  sqlite3_close(dst);
  return jobs_test::dumpDatabase(path.toStdString());
}

}  // namespace mindllm::ui::test
