#include "ui/workers/job_monitor.h"

#include <QDateTime>

namespace mindllm::ui {

namespace {
constexpr qint64 kLogStartBytes = 64 * 1024;
}

JobMonitor::JobMonitor(int intervalMs, QObject* parent) : QObject(parent), timer_(this) {
  qRegisterMetaType<mindllm::ui::JobOutput>();
  timer_.setInterval(intervalMs);
  connect(&timer_, &QTimer::timeout, this, &JobMonitor::pollAll);
}

JobMonitor::Watched JobMonitor::open(const QString& metricsPath, const QString& logPath) {
  Watched w;
  w.metrics = std::make_unique<jobs::FileTail>(metricsPath.toStdString());
  w.log = std::make_unique<jobs::FileTail>(logPath.toStdString(), kLogStartBytes);
  return w;
}

void JobMonitor::watch(qint64 jobId, const QString& metricsPath, const QString& logPath) {
  if (watched_.count(jobId)) return;
  auto& w = watched_[jobId] = open(metricsPath, logPath);
  poll(jobId, w, true);
  if (!timer_.isActive()) timer_.start();  // started here, on the monitor's own thread
}

void JobMonitor::drain(qint64 jobId) {
  auto it = watched_.find(jobId);
  if (it != watched_.end()) {
    poll(jobId, it->second, false);
    watched_.erase(it);
  }
  if (watched_.empty()) timer_.stop();
  Q_EMIT drained(jobId);
}

void JobMonitor::readOnce(qint64 jobId, const QString& metricsPath, const QString& logPath) {
  Watched w = open(metricsPath, logPath);
  poll(jobId, w, true);
  Q_EMIT drained(jobId);
}

void JobMonitor::pollAll() {
  for (auto& [id, w] : watched_) poll(id, w, false);
}

void JobMonitor::poll(qint64 jobId, Watched& w, bool fresh) {
  JobOutput out;
  out.jobId = jobId;
  out.readAtMs = QDateTime::currentMSecsSinceEpoch();
  const jobs::FileTail::Update metrics = w.metrics->poll(true);
  out.metricsRestarted = fresh || metrics.restarted;
  size_t start = 0;
  for (size_t nl; (nl = metrics.text.find('\n', start)) != std::string::npos; start = nl + 1) {
    if (auto r = jobs::parseMetricsLine(metrics.text.substr(start, nl - start)))
      out.records.push_back(std::move(*r));
    else
      ++out.unreadableLines;
  }
  const jobs::FileTail::Update log = w.log->poll(true);
  out.logRestarted = fresh || log.restarted;
  out.logText = QString::fromStdString(log.text);
  if (fresh || !out.records.empty() || !out.logText.isEmpty() || out.metricsRestarted || out.logRestarted)
    Q_EMIT output(out);
}

}  // namespace mindllm::ui
