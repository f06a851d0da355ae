#include "ui/workers/job_process.h"

#include <csignal>
#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace mindllm::ui {

JobProcess::JobProcess(qint64 jobId, QObject* parent) : QObject(parent), jobId_(jobId) {
  killTimer_.setSingleShot(true);
  connect(&killTimer_, &QTimer::timeout, this, [this] { process_.kill(); });
  connect(&process_, &QProcess::started, this, [this] { Q_EMIT started(process_.processId()); });
  connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart) Q_EMIT failedToStart(process_.errorString());
  });
  connect(&process_, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
    killTimer_.stop();
    Q_EMIT finished(status == QProcess::CrashExit, exitCode);
  });
}

JobProcess::~JobProcess() {
  // Never leave a trainer behind unwatched: the owner stops processes before deleting them, so
  // this only fires for a process that ignored its stop request.
  if (process_.state() != QProcess::NotRunning) {
    process_.blockSignals(true);
    process_.kill();
    process_.waitForFinished(5000);
  }
}

qint64 JobProcess::pid() const { return process_.processId(); }

void JobProcess::start(const QString& program, const QStringList& arguments, const QString& logPath) {
  process_.setProcessChannelMode(QProcess::MergedChannels);
  process_.setStandardOutputFile(logPath, QIODevice::Append);
  process_.setStandardInputFile(QProcess::nullDevice());
#ifdef __linux__
  // Runs in the child between fork and exec: SIGTERM when the app's thread that started it dies.
  process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
  process_.start(program, arguments);
}

void JobProcess::requestStop(jobs::StopRequest why, int killAfterMs) {
  if (process_.state() == QProcess::NotRunning) return;
  const bool first = stopRequest_ == jobs::StopRequest::None;
  stopRequest_ = why;
  if (first) process_.terminate();  // SIGTERM
  if (why != jobs::StopRequest::Pause && !killTimer_.isActive()) killTimer_.start(killAfterMs);
}

}  // namespace mindllm::ui
