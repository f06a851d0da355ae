#include "ui/models/evaluation_session.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <limits>
#include <exception>

#include "ui/models/eval_run_list_model.h"

namespace mindllm::ui {

EvaluationSession::EvaluationSession(const QString& dbPath, QObject* parent)
    : QObject(parent), store_(std::make_unique<storage::EvalRunStore>(dbPath.toStdString())) {
  runs_ = new EvalRunListModel(*store_, this);
  thread_.setObjectName(QStringLiteral("evaluation"));
  worker_ = new EvaluationWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &EvaluationWorker::modelLoading, this, [this](quint64, const QString& dir) { Q_EMIT modelLoading(dir); });
  connect(worker_, &EvaluationWorker::taskStarted, this, [this](quint64 jobId, int index) {
    if (jobId == runningJob_) Q_EMIT taskStarted(index, static_cast<int>(tasks_.size()), taskName(index));
  });
  connect(worker_, &EvaluationWorker::progress, this, [this](quint64 jobId, const EvalTaskProgress& p) {
    if (jobId == runningJob_) Q_EMIT progressChanged(p);
  });
  connect(worker_, &EvaluationWorker::taskFinished, this, &EvaluationSession::onTaskFinished);
  connect(worker_, &EvaluationWorker::taskFailed, this, &EvaluationSession::onTaskFailed);
  connect(worker_, &EvaluationWorker::jobFinished, this, &EvaluationSession::onJobFinished);
  thread_.start();
}

EvaluationSession::~EvaluationSession() {
  if (worker_) worker_->requestCancel(std::numeric_limits<quint64>::max());
  thread_.quit();
  thread_.wait();
  // Store what the worker reported while we waited (a cancelled run), as the chat saves a stopped answer.
  QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

QString EvaluationSession::taskName(int index) const {
  if (index < 0 || index >= static_cast<int>(tasks_.size())) return {};
  return tasks_[static_cast<size_t>(index)].task;
}

bool EvaluationSession::start(const QString& modelDir, const std::vector<EvalTaskChoice>& tasks, const QString& device) {
  if (isRunning()) {
    Q_EMIT errorOccurred({}, tr("An evaluation is already running."));
    return false;
  }
  if (modelDir.isEmpty()) {
    Q_EMIT errorOccurred({}, tr("Choose a model to evaluate."));
    return false;
  }
  if (tasks.empty()) {
    Q_EMIT errorOccurred({}, tr("Choose at least one task."));
    return false;
  }
  EvaluationJob job;
  job.id = nextJobId_++;
  job.modelDir = modelDir;
  job.device = device;
  job.tasks = tasks;
  tasks_ = tasks;
  runningJob_ = job.id;
  Q_EMIT runningChanged(true);
  EvaluationWorker* worker = worker_.data();
  QMetaObject::invokeMethod(worker, [worker, job] { worker->run(job); }, Qt::QueuedConnection);
  return true;
}

void EvaluationSession::cancel() {
  if (isRunning() && worker_) worker_->requestCancel(runningJob_);
}

void EvaluationSession::deleteRuns(const QList<qint64>& ids) {
  try {
    store_->remove(std::vector<int64_t>(ids.begin(), ids.end()));
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred({}, QString::fromUtf8(e.what()));
  }
  runs_->reload();
}

void EvaluationSession::onTaskFinished(quint64 jobId, int taskIndex, const storage::EvalRun& run) {
  if (jobId != runningJob_) return;
  if (run.state == storage::EvalRunState::Failed) Q_EMIT errorOccurred(taskName(taskIndex), QString::fromStdString(run.error));
  try {
    const qint64 id = store_->add(run);
    runs_->reload();
    Q_EMIT runStored(id);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(taskName(taskIndex), tr("The run could not be stored: %1").arg(QString::fromUtf8(e.what())));
  }
}

void EvaluationSession::onTaskFailed(quint64 jobId, int taskIndex, const QString& error) {
  if (jobId == runningJob_) Q_EMIT errorOccurred(taskName(taskIndex), error);
}

void EvaluationSession::onJobFinished(quint64 jobId, bool cancelled) {
  if (jobId != runningJob_) return;
  runningJob_ = 0;
  Q_EMIT runningChanged(false);
  Q_EMIT finished(cancelled);
}

}  // namespace mindllm::ui
