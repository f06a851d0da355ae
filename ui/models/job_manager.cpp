#include "ui/models/job_manager.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <functional>

#include "core/jobs/job_config.h"
#include "core/jobs/job_queue.h"
#include "core/jobs/job_store.h"
#include "core/jobs/model_publisher.h"
#include "core/util/error.h"
#include "ui/workers/background_task.h"
#include "ui/workers/job_monitor.h"
#include "ui/workers/job_process.h"

namespace mindllm::ui {

using jobs::Job;
using jobs::JobState;

namespace {

// Each run starts its part of job.log with this line, so the error of an earlier run is never
// taken for the error of the last one.
const QString kRunHeader = QStringLiteral("=== run started ");
constexpr qsizetype kMaxLogChars = 512 * 1024;
constexpr qint64 kProgressSaveIntervalMs = 2000;

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Whether `pid` is still a process whose command line names `needle` (Linux /proc; elsewhere
// "no", which only loses the wait for a stopping orphan).
bool processMentions(qint64 pid, const QString& needle) {
  if (pid <= 0) return false;
  QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
  if (!cmdline.open(QIODevice::ReadOnly)) return false;
  return QString::fromLocal8Bit(cmdline.readAll()).contains(needle);
}

}  // namespace

JobPaths JobPaths::under(const QString& dataDir) {
  return {QDir(dataDir).filePath(QStringLiteral("jobs")), QDir(dataDir).filePath(QStringLiteral("finetuned"))};
}

QString JobManager::defaultProgram() {
  const QString env = qEnvironmentVariable("MINDLLM_CLI");
  if (!env.isEmpty()) return env;
  return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("mindllm-cli"));
}

JobManager::JobManager(const QString& databasePath, const JobPaths& paths, QObject* parent)
    : QObject(parent), paths_(paths), program_(defaultProgram()) {
  store_ = std::make_unique<jobs::JobStore>(databasePath.toStdString());
  for (const Job& j : store_->markRunningAsInterrupted()) strandedPids_[j.id] = j.pid;

  monitorThread_.setObjectName(QStringLiteral("job-monitor"));
  monitor_ = new JobMonitor;
  monitor_->moveToThread(&monitorThread_);
  connect(&monitorThread_, &QThread::finished, monitor_, &QObject::deleteLater);
  connect(monitor_, &JobMonitor::output, this, &JobManager::onOutput);
  connect(monitor_, &JobMonitor::drained, this, &JobManager::onDrained);
  monitorThread_.start();

  reload();
  // Queued jobs of the last session start once the event loop runs (the window is up by then).
  QTimer::singleShot(0, this, &JobManager::schedule);
}

JobManager::~JobManager() { shutdown(); }

void JobManager::setMaxJobsPerDevice(int n) {
  perDevice_ = std::max(1, n);
  schedule();
}

void JobManager::reload() { jobs_ = store_->list(); }

void JobManager::changed(qint64 id) {
  reload();
  Q_EMIT jobChanged(id);
  Q_EMIT jobsChanged();
}

std::optional<Job> JobManager::job(qint64 id) const {
  for (const Job& j : jobs_)
    if (j.id == id) return j;
  return std::nullopt;
}

jobs::JobFolder JobManager::folder(qint64 id) const {
  return jobs::JobFolder::of(paths_.jobsRoot.toStdString(), id);
}

Job JobManager::submit(const jobs::JobDraft& draft) {
  Job created = store_->create(draft);
  const jobs::JobFolder f = folder(created.id);
  try {
    jobs::writeTrainerConfig(created, f.outputDir(), f.configPath());
  } catch (const std::exception&) {
    store_->transition(created.id, JobState::Failed);  // only stopped jobs can be removed
    store_->remove(created.id);
    throw;
  }
  changed(created.id);
  schedule();
  return *job(created.id);
}

void JobManager::pause(qint64 id) {
  auto it = processes_.find(id);
  if (it == processes_.end()) throw Error("job " + std::to_string(id) + ": only a running job can be paused");
  it->second->requestStop(jobs::StopRequest::Pause);
  Q_EMIT jobChanged(id);
}

void JobManager::resume(qint64 id) {
  setState(id, JobState::Queued);
  schedule();
}

void JobManager::cancel(qint64 id) {
  auto it = processes_.find(id);
  if (it != processes_.end()) {
    it->second->requestStop(jobs::StopRequest::Cancel);
    Q_EMIT jobChanged(id);
    return;
  }
  if (publishing_.count(id)) throw Error("job " + std::to_string(id) + ": its model is being saved; it cannot be cancelled now");
  setState(id, JobState::Cancelled);
  schedule();
}

void JobManager::remove(qint64 id) {
  if (hasProcess(id)) throw Error("job " + std::to_string(id) + ": cancel it before deleting it");
  store_->remove(id);
  const QString dir = qs(folder(id).dir);
  runInBackground<bool>(this, [dir] { return QDir(dir).removeRecursively(); }, [](bool) {}, {});
  progress_.erase(id);
  logs_.erase(id);
  loaded_.erase(id);
  reload();
  Q_EMIT jobsChanged();
}

void JobManager::guarded(const std::function<void()>& work) {
  try {
    work();
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

void JobManager::setState(qint64 id, JobState state, const std::string& error, const std::string& outputModel) {
  store_->transition(id, state, {error, outputModel, 0});
  changed(id);
}

void JobManager::schedule() {
  if (shutDown_) return;
  bool waiting = false;
  for (qint64 id : jobs::jobsToStart(jobs_, perDevice_)) {
    if (previousProcessAlive(id)) {
      waiting = true;  // the last app's process is still writing its checkpoint
      continue;
    }
    guarded([&] { start(store_->require(id)); });
  }
  if (waiting) QTimer::singleShot(500, this, &JobManager::schedule);
}

bool JobManager::previousProcessAlive(qint64 id) const {
  auto it = strandedPids_.find(id);
  return it != strandedPids_.end() && processMentions(it->second, qs(folder(id).configPath()));
}

void JobManager::start(const Job& job) {
  const jobs::JobFolder f = folder(job.id);
  const QString configPath = qs(f.configPath()), logPath = qs(f.logPath());
  try {
    // Written again at every start (same content), in case the folder lost it.
    jobs::writeTrainerConfig(job, f.outputDir(), f.configPath());
  } catch (const std::exception& e) {
    setState(job.id, JobState::Failed, e.what());
    return;
  }
  QStringList args;
  for (const std::string& a : jobs::trainerArguments(job, f.configPath())) args << qs(a);
  const QString header = kRunHeader + QDateTime::currentDateTime().toString(Qt::ISODate) + QStringLiteral(": ") +
                         program_ + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QLatin1Char('\n');
  QFile log(logPath);
  if (log.open(QIODevice::Append)) log.write(header.toUtf8());
  log.close();

  auto* process = new JobProcess(job.id, this);
  processes_[job.id] = process;
  strandedPids_.erase(job.id);
  connect(process, &JobProcess::finished, this,
          [this, id = job.id](bool crashed, int exitCode) { onProcessFinished(id, crashed, exitCode); });
  connect(process, &JobProcess::failedToStart, this, [this, id = job.id, process](const QString& error) {
    processes_.erase(id);
    process->deleteLater();
    appendLog(id, QStringLiteral("error: cannot start %1: %2\n").arg(program_, error));
    guarded([&] { setState(id, JobState::Failed, tr("cannot start %1: %2").arg(program_, error).toStdString()); });
    schedule();
  });
  process->start(program_, args, logPath);
  if (!processes_.count(job.id)) return;  // it failed to start at once (failedToStart ran)
  try {
    store_->transition(job.id, JobState::Running, {{}, {}, process->pid()});
  } catch (...) {
    // The row changed under us (another window cancelled it): this process must not run.
    processes_.erase(job.id);
    delete process;
    throw;
  }
  changed(job.id);
  loaded_.insert(job.id);
  JobMonitor* monitor = monitor_.data();
  const QString metricsPath = qs(f.metricsPath());
  QMetaObject::invokeMethod(monitor, [=] { monitor->watch(job.id, metricsPath, logPath); }, Qt::QueuedConnection);
}

void JobManager::onOutput(const JobOutput& out) {
  jobs::JobProgress& p = progress_[out.jobId];
  if (out.metricsRestarted) p.reset();
  for (const jobs::MetricsRecord& r : out.records) p.apply(r, out.readAtMs);
  if (out.logRestarted) logs_[out.jobId].clear();
  appendLog(out.jobId, out.logText);
  if (out.logRestarted || !out.logText.isEmpty()) Q_EMIT logChanged(out.jobId, out.logRestarted, out.logText);

  const std::optional<Job> j = job(out.jobId);
  if (j && j->state == JobState::Running && (p.step() != j->step || p.maxSteps() != j->maxSteps)) {
    qint64& last = lastSavedMs_[out.jobId];
    if (out.readAtMs - last >= kProgressSaveIntervalMs) {
      last = out.readAtMs;
      guarded([&] {
        store_->setProgress(out.jobId, p.step(), p.maxSteps());
        reload();
      });
    }
  }
  Q_EMIT progressChanged(out.jobId);
}

void JobManager::appendLog(qint64 id, const QString& text) {
  QString& log = logs_[id];
  log += text;
  if (log.size() > kMaxLogChars) {
    const qsizetype cut = log.indexOf(QLatin1Char('\n'), log.size() - kMaxLogChars);
    log.remove(0, cut < 0 ? log.size() - kMaxLogChars : cut + 1);
  }
}

void JobManager::onProcessFinished(qint64 id, bool crashed, int exitCode) {
  auto it = processes_.find(id);
  if (it == processes_.end()) return;
  pendingEnds_[id] = {crashed, exitCode, false, {}};
  pendingRequests_[id] = it->second->stopRequest();
  it->second->deleteLater();
  processes_.erase(it);
  publishing_.insert(id);  // busy until the outcome is known; finishJob clears it
  JobMonitor* monitor = monitor_.data();
  QMetaObject::invokeMethod(monitor, [monitor, id] { monitor->drain(id); }, Qt::QueuedConnection);
}

void JobManager::onDrained(qint64 id) {
  auto it = pendingEnds_.find(id);
  if (it == pendingEnds_.end()) return;  // a readOnce for a job that does not run
  jobs::ProcessEnd end = it->second;
  pendingEnds_.erase(it);
  const jobs::StopRequest request = pendingRequests_[id];
  pendingRequests_.erase(id);
  try {
    finishJob(id, end, request);
  } catch (const std::exception& e) {
    publishing_.erase(id);
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    schedule();
  }
}

void JobManager::finishJob(qint64 id, jobs::ProcessEnd end, jobs::StopRequest request) {
  const jobs::JobProgress& p = progress_[id];
  end.sawDone = p.done();
  const QString& log = logs_[id];
  const qsizetype runStart = log.lastIndexOf(kRunHeader);
  end.lastErrorLine = jobs::lastErrorLine(log.mid(std::max<qsizetype>(runStart, 0)).toStdString());
  const jobs::ExitOutcome outcome = jobs::outcomeOf(end, request);
  if (p.maxSteps() > 0) store_->setProgress(id, p.step(), p.maxSteps());
  if (outcome.publishModel) {
    publish(id);
    return;
  }
  publishing_.erase(id);
  setState(id, outcome.state, outcome.error);
  schedule();
}

void JobManager::publish(qint64 id) {
  const Job j = store_->require(id);
  const std::string finalDir = folder(id).finalModelDir();
  const std::string root = paths_.fineTunedRoot.toStdString();
  // A rename on one file system; a copy of gigabytes otherwise: never on the GUI thread.
  runInBackground<std::string>(
      this, [finalDir, root, name = j.name] { return jobs::publishModel(finalDir, root, name); },
      [this, id](std::string dir) {
        publishing_.erase(id);
        guarded([&] { setState(id, JobState::Succeeded, {}, dir); });
        Q_EMIT modelPublished(id, qs(dir));
        schedule();
      },
      [this, id](const QString& error) {
        publishing_.erase(id);
        guarded([&] { setState(id, JobState::Failed, error.toStdString()); });
        schedule();
      });
}

const jobs::JobProgress& JobManager::progress(qint64 id) {
  if (!loaded_.count(id) && job(id)) {
    loaded_.insert(id);
    const jobs::JobFolder f = folder(id);
    JobMonitor* monitor = monitor_.data();
    const QString metricsPath = qs(f.metricsPath()), logPath = qs(f.logPath());
    QMetaObject::invokeMethod(monitor, [=] { monitor->readOnce(id, metricsPath, logPath); }, Qt::QueuedConnection);
  }
  return progress_[id];
}

const jobs::JobProgress* JobManager::knownProgress(qint64 id) const {
  auto it = progress_.find(id);
  return it == progress_.end() ? nullptr : &it->second;
}

QString JobManager::log(qint64 id) const {
  auto it = logs_.find(id);
  return it == logs_.end() ? QString() : it->second;
}

std::optional<qint64> JobManager::etaMs(qint64 id) const {
  auto it = progress_.find(id);
  if (it == progress_.end() || !processes_.count(id)) return std::nullopt;
  if (auto eta = it->second.etaMs(QDateTime::currentMSecsSinceEpoch())) return *eta;
  return std::nullopt;
}

bool JobManager::hasProcess(qint64 id) const { return processes_.count(id) || publishing_.count(id); }

bool JobManager::isStopping(qint64 id) const {
  auto it = processes_.find(id);
  return it != processes_.end() && it->second->stopRequest() != jobs::StopRequest::None;
}

int JobManager::queuePosition(qint64 id) const { return jobs::queuePosition(jobs_, id); }

void JobManager::shutdown(int graceMs) {
  if (shutDown_) return;
  shutDown_ = true;
  for (auto& [id, process] : processes_) {
    process->disconnect(this);
    process->requestStop(jobs::StopRequest::AppClosing);
  }
  QDeadlineTimer deadline(graceMs);
  for (auto& [id, process] : processes_) {
    if (!process->waitForFinished(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1))))
      process->kill();
    process->waitForFinished(2000);
    try {
      const jobs::JobProgress& p = progress_[id];  // as far as the monitor read
      if (p.maxSteps() > 0) store_->setProgress(id, p.step(), p.maxSteps());
      store_->transition(id, JobState::Interrupted,
                         {"the app closed while this job was running; Resume continues from its last checkpoint"});
    } catch (const std::exception&) {
      // The row moved on meanwhile (another window); nothing to fix at exit.
    }
    delete process;
  }
  processes_.clear();
  // Processes that ended just before: decide now what can be decided without the event loop. A
  // model waiting to be published stays "running" and becomes "interrupted" at the next start;
  // Resume then finishes it again from its last checkpoint.
  for (auto& [id, end] : pendingEnds_) {
    if (!end.crashed && end.exitCode == jobs::kExitFinished) continue;  // its "done" record was not read yet
    const jobs::ExitOutcome outcome = jobs::outcomeOf(end, pendingRequests_[id]);
    try {
      store_->transition(id, outcome.state, {outcome.error});
    } catch (const std::exception&) {
    }
  }
  pendingEnds_.clear();
  monitorThread_.quit();
  monitorThread_.wait();
}

}  // namespace mindllm::ui
