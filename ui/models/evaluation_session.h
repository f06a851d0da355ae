#pragma once
// The Evaluation page's view model: starts evaluation jobs on the EvaluationWorker's thread,
// mirrors their progress, stores every finished task in the database (EvalRunStore, one
// transaction per run) and keeps the list of stored runs. One job runs at a time.
#include <QObject>
#include <QThread>
#include <QPointer>
#include <memory>

#include "core/storage/eval_run_store.h"
#include "ui/workers/evaluation_worker.h"

namespace mindllm::ui {

class EvalRunListModel;

class EvaluationSession : public QObject {
  Q_OBJECT
public:
  // Opens the runs in the database at `dbPath` (the app's chats.sqlite). Throws mindllm::Error
  // naming the file when it cannot be opened.
  explicit EvaluationSession(const QString& dbPath, QObject* parent = nullptr);
  // Cancels a running job and waits for the worker's current batch.
  ~EvaluationSession() override;

  // Starts `tasks` on the model in `modelDir`; false (and errorOccurred) when a job is running,
  // no model or no task is given.
  bool start(const QString& modelDir, const std::vector<EvalTaskChoice>& tasks, const QString& device = QStringLiteral("cpu"));
  void cancel();
  bool isRunning() const { return runningJob_ != 0; }
  const std::vector<EvalTaskChoice>& currentTasks() const { return tasks_; }

  // Deletes stored runs (one transaction) and reloads the list.
  void deleteRuns(const QList<qint64>& ids);

  EvalRunListModel* runs() const { return runs_; }
  storage::EvalRunStore& store() { return *store_; }
  EvaluationWorker* worker() const { return worker_; }  // tests slow it down through its signals

Q_SIGNALS:
  void runningChanged(bool running);
  void modelLoading(const QString& modelDir);
  void taskStarted(int taskIndex, int taskCount, const QString& task);
  void progressChanged(const mindllm::ui::EvalTaskProgress& progress);
  void runStored(qint64 runId);
  // A task that could not run, or a run that could not be stored; `task` may be empty.
  void errorOccurred(const QString& task, const QString& error);
  void finished(bool cancelled);

private:
  void onTaskFinished(quint64 jobId, int taskIndex, const storage::EvalRun& run);
  void onTaskFailed(quint64 jobId, int taskIndex, const QString& error);
  void onJobFinished(quint64 jobId, bool cancelled);
  QString taskName(int index) const;

  std::unique_ptr<storage::EvalRunStore> store_;
  EvalRunListModel* runs_ = nullptr;
  QThread thread_;
  QPointer<EvaluationWorker> worker_;
  quint64 nextJobId_ = 1;
  quint64 runningJob_ = 0;
  std::vector<EvalTaskChoice> tasks_;
};

}  // namespace mindllm::ui
