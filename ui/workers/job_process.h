#pragma once
// One run of a fine-tuning command (`mindllm-cli finetune|sft --config job.json`) as a child
// process, so that a crash or an out-of-memory kill in training never takes the app down.
//
// stdout and stderr are appended to the job's log file by the OS, not by this process: the log
// stays complete even while the GUI thread is busy, and survives the app. On Linux the child is
// asked to stop (SIGTERM: checkpoint, exit 75) when the app dies, instead of training on as an
// orphan nobody watches.
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "core/jobs/job_exit.h"

namespace mindllm::ui {

class JobProcess : public QObject {
  Q_OBJECT
public:
  explicit JobProcess(qint64 jobId, QObject* parent = nullptr);
  ~JobProcess() override;

  qint64 jobId() const { return jobId_; }
  qint64 pid() const;
  bool isRunning() const { return process_.state() != QProcess::NotRunning; }
  jobs::StopRequest stopRequest() const { return stopRequest_; }

  // Emits started(pid) or failedToStart(error).
  void start(const QString& program, const QStringList& arguments, const QString& logPath);
  // SIGTERM: the command writes a checkpoint and exits 75. A second request only updates the reason
  // (Pause then Cancel cancels). Cancel and AppClosing kill the process if it has not exited after
  // `killAfterMs`.
  void requestStop(jobs::StopRequest why, int killAfterMs = 15000);
  // Blocks up to `ms` (app shutdown only).
  bool waitForFinished(int ms) { return process_.waitForFinished(ms); }
  void kill() { process_.kill(); }

Q_SIGNALS:
  void started(qint64 pid);
  void failedToStart(const QString& error);
  // `crashed`: ended by a signal (killed, out of memory, segfault) rather than an exit status.
  void finished(bool crashed, int exitCode);

private:
  qint64 jobId_;
  QProcess process_;
  QTimer killTimer_;
  jobs::StopRequest stopRequest_ = jobs::StopRequest::None;
};

}  // namespace mindllm::ui
