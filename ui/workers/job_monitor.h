#pragma once
// Follows the files of jobs on its own thread: each watched job's metrics.jsonl (parsed into
// records) and its log, a few times a second, so the GUI thread never reads files. Lives in a
// QThread; call its slots through QMetaObject::invokeMethod.
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <memory>
#include <vector>

#include "core/jobs/file_tail.h"
#include "core/jobs/metrics_record.h"

namespace mindllm::ui {

// What one look at a job's files found.
struct JobOutput {
  qint64 jobId = 0;
  qint64 readAtMs = 0;            // wall clock of the read (the ETA's clock)
  bool metricsRestarted = false;  // the metrics file is new: drop what was folded so far
  std::vector<jobs::MetricsRecord> records;
  int unreadableLines = 0;        // lines that were not metrics records
  bool logRestarted = false;
  QString logText;                // new whole lines of the log
};

class JobMonitor : public QObject {
  Q_OBJECT
public:
  explicit JobMonitor(int intervalMs = 250, QObject* parent = nullptr);

  // Starts following a job's files: the metrics from their start, the log from its last 64 KB.
  // Watching an already watched job is a no-op.
  void watch(qint64 jobId, const QString& metricsPath, const QString& logPath);
  // Reads what is left, emits it, stops following, then emits drained(jobId). Used when the
  // process ended, so the job's outcome is decided on everything it wrote.
  void drain(qint64 jobId);
  // Reads a job's files once, from the start (metricsRestarted and logRestarted set), then emits
  // drained(jobId): for opening a job that does not run.
  void readOnce(qint64 jobId, const QString& metricsPath, const QString& logPath);
  void pollAll();

Q_SIGNALS:
  void output(const mindllm::ui::JobOutput& output);
  void drained(qint64 jobId);

private:
  struct Watched {
    std::unique_ptr<jobs::FileTail> metrics;
    std::unique_ptr<jobs::FileTail> log;
  };
  static Watched open(const QString& metricsPath, const QString& logPath);
  void poll(qint64 jobId, Watched& w, bool fresh);

  QTimer timer_;
  std::map<qint64, Watched> watched_;
};

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::ui::JobOutput)
