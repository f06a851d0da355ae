#include "ui/workers/evaluation_worker.h"

#include <QDateTime>
#include <QDir>
#include <exception>

#include "training/eval/eval_runner.h"
#include "ui/workers/model_files.h"

namespace mindllm::ui {
namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

eval::EvalRequest requestFor(const EvalTaskChoice& choice) {
  eval::EvalRequest request;
  request.task = choice.task.toStdString();
  request.dataPath = choice.dataPath.toStdString();
  request.shots = choice.shots;
  request.limit = choice.limit;
  request.batchSize = choice.batchSize;
  request.scoring = eval::parseChoiceScoring(choice.scoring.toStdString());
  return request;
}

storage::EvalGroupScore groupOf(const char* kind, const eval::GroupScore& g) {
  return {kind, g.key, g.name.empty() ? g.key : g.name, g.count, g.score};
}

// What the store keeps of a report: the settings asked for, the scores per group, and the whole
// report as JSON for details the table does not show.
storage::EvalRun runFromReport(const eval::EvalReport& report, const EvaluationJob& job, const EvalTaskChoice& choice) {
  storage::EvalRun run;
  run.modelDir = job.modelDir.toStdString();
  run.modelName = report.modelName();
  run.task = report.task;
  run.title = report.title;
  run.dataPath = choice.dataPath.toStdString();
  run.metric = report.metric;
  run.shots = choice.shots;
  run.scoring = choice.scoring.toStdString();
  run.limit = choice.limit;
  run.state = report.cancelled ? storage::EvalRunState::Cancelled : storage::EvalRunState::Done;
  run.score = report.average.score;
  run.itemsDone = report.itemsDone;
  run.itemsPerSecond = report.seconds > 0 ? report.itemsDone / report.seconds : 0;
  run.reportJson = report.toJson().dump();
  run.groups.push_back(groupOf("average", report.average));
  for (const eval::GroupScore& g : report.categories) run.groups.push_back(groupOf("category", g));
  for (const eval::GroupScore& g : report.subjects) run.groups.push_back(groupOf("subject", g));
  return run;
}

}  // namespace

EvaluationWorker::EvaluationWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<EvaluationJob>();
  qRegisterMetaType<EvalTaskProgress>();
  qRegisterMetaType<storage::EvalRun>();
}

EvaluationWorker::~EvaluationWorker() = default;

void EvaluationWorker::requestCancel(quint64 upToId) {
  quint64 seen = cancelledUpTo_.load();
  while (seen < upToId && !cancelledUpTo_.compare_exchange_weak(seen, upToId)) {
  }
  const quint64 running = running_.load();
  if (running != 0 && running <= upToId) cancel_ = true;
}

bool EvaluationWorker::ensureModel(const QString& modelDir, const QString& device, QString* error) {
  const QString dir = QDir::cleanPath(modelDir);
  if (model_ && dir == modelDir_ && device == device_) return true;
  model_.reset();  // free the old weights before reading the new ones
  try {
    model_ = ui::loadModel(dir, device);
    modelDir_ = dir;
    device_ = device;
    return true;
  } catch (const std::exception& e) {
    model_.reset();
    *error = QString::fromUtf8(e.what());
    return false;
  }
}

void EvaluationWorker::run(const EvaluationJob& job) {
  // The order of these two stores matters for requestCancel (as in GenerationWorker).
  running_ = job.id;
  cancel_ = isCancelled(job.id);
  if (!cancel_) {
    Q_EMIT modelLoading(job.id, job.modelDir);
    QString error;
    if (!ensureModel(job.modelDir, job.device, &error)) {
      for (int i = 0; i < static_cast<int>(job.tasks.size()); ++i)
        Q_EMIT taskFailed(job.id, i, tr("Could not load the model in %1:\n%2").arg(job.modelDir, error));
      running_ = 0;
      Q_EMIT jobFinished(job.id, false);
      return;
    }
  }
  for (int i = 0; i < static_cast<int>(job.tasks.size()) && !cancel_.load(); ++i) runTask(job, i);
  const bool cancelled = cancel_.load();
  running_ = 0;
  Q_EMIT jobFinished(job.id, cancelled);
}

void EvaluationWorker::runTask(const EvaluationJob& job, int index) {
  const EvalTaskChoice& choice = job.tasks[static_cast<size_t>(index)];
  Q_EMIT taskStarted(job.id, index);
  const qint64 startedAt = nowMs();
  bool scoringBegan = false;
  auto onProgress = [&](const eval::EvalProgress& p) {
    scoringBegan = true;
    EvalTaskProgress tick;
    tick.taskIndex = index;
    tick.taskCount = static_cast<int>(job.tasks.size());
    tick.done = p.done;
    tick.total = p.total;
    tick.itemsPerSecond = p.itemsPerSecond;
    tick.subject = QString::fromStdString(p.subject);
    Q_EMIT progress(job.id, tick);
  };
  try {
    const eval::EvalReport report = eval::runEvaluation(model_, requestFor(choice), onProgress, &cancel_);
    storage::EvalRun run = runFromReport(report, job, choice);
    run.startedAt = startedAt;
    run.finishedAt = nowMs();
    Q_EMIT taskFinished(job.id, index, run);
  } catch (const std::exception& e) {
    const QString message = QString::fromUtf8(e.what());
    if (!scoringBegan) {
      Q_EMIT taskFailed(job.id, index, message);
      return;
    }
    // Questions were scored before it broke: keep the attempt, with its error, in the history.
    storage::EvalRun run;
    run.modelDir = job.modelDir.toStdString();
    run.modelName = QDir(job.modelDir).dirName().toStdString();
    run.task = choice.task.toStdString();
    run.dataPath = choice.dataPath.toStdString();
    run.shots = choice.shots;
    run.scoring = choice.scoring.toStdString();
    run.limit = choice.limit;
    run.startedAt = startedAt;
    run.finishedAt = nowMs();
    run.state = storage::EvalRunState::Failed;
    run.error = e.what();
    Q_EMIT taskFinished(job.id, index, run);
  }
}

}  // namespace mindllm::ui
