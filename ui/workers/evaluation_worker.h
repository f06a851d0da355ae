#pragma once
// Runs evaluations on its own thread (moveToThread): loads the chosen model folder the way the
// chat does (loadModelFolder, kept loaded for the next job on the same folder), runs the chosen
// tasks one after another through training/eval's runEvaluation(), and reports progress and each
// finished task as signals. The GUI thread only queues jobs and reads signals.
//
// Cancelling: requestCancel() may be called from any thread; the running task stops at its next
// batch and is reported as a cancelled run, and the job's remaining tasks are skipped.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "core/storage/eval_run_record.h"

namespace mindllm {
class LoadedModel;
}

namespace mindllm::ui {

// One task of a job, as chosen on the Evaluation page.
struct EvalTaskChoice {
  QString task;            // ceval, cmmlu, mmlu, gsm8k, perplexity, domain
  QString dataPath;
  int shots = -1;          // -1 = the task's default
  QString scoring = QStringLiteral("letter");  // letter | option | both
  int limit = 0;           // questions per subject; 0 = all
  int batchSize = 8;
};

struct EvaluationJob {
  quint64 id = 0;
  QString modelDir;
  QString device = QStringLiteral("cpu");
  std::vector<EvalTaskChoice> tasks;
};

struct EvalTaskProgress {
  int taskIndex = 0;
  int taskCount = 0;
  qint64 done = 0;          // questions (or windows) scored in this task
  qint64 total = 0;
  double itemsPerSecond = 0;
  QString subject;
};

class EvaluationWorker : public QObject {
  Q_OBJECT
public:
  explicit EvaluationWorker(QObject* parent = nullptr);
  ~EvaluationWorker() override;

  // Thread-safe. Cancels jobs with id <= upToId, running or still queued.
  void requestCancel(quint64 upToId);

public Q_SLOTS:
  void run(const mindllm::ui::EvaluationJob& job);  // call through a queued connection

Q_SIGNALS:
  void modelLoading(quint64 jobId, const QString& modelDir);
  void taskStarted(quint64 jobId, int taskIndex);
  void progress(quint64 jobId, const mindllm::ui::EvalTaskProgress& progress);
  // A task that ran (done, cancelled part-way, or failed after scoring began): to be stored.
  void taskFinished(quint64 jobId, int taskIndex, const mindllm::storage::EvalRun& run);
  // A task that could not start (its data or the model is broken): nothing to store.
  void taskFailed(quint64 jobId, int taskIndex, const QString& error);
  void jobFinished(quint64 jobId, bool cancelled);

private:
  bool ensureModel(const QString& modelDir, const QString& device, QString* error);
  bool isCancelled(quint64 id) const { return cancelledUpTo_.load() >= id; }
  void runTask(const EvaluationJob& job, int index);

  std::shared_ptr<LoadedModel> model_;
  QString modelDir_;
  QString device_;
  std::atomic<quint64> cancelledUpTo_{0};
  std::atomic<quint64> running_{0};
  std::atomic<bool> cancel_{false};
};

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::ui::EvaluationJob)
Q_DECLARE_METATYPE(mindllm::ui::EvalTaskProgress)
Q_DECLARE_METATYPE(mindllm::storage::EvalRun)
