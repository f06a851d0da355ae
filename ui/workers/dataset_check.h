#pragma once
// Checks a job before it is created, off the GUI thread: first a preview of its dataset on the
// thread pool (format, sample count, the first samples as turns, a malformed line named by
// number), then the fine-tuning command itself with --check on a temporary job.json, which
// validates every line against the real reader, the base model and the config. A new start()
// abandons the check in flight.
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <memory>

#include "core/jobs/dataset_preview.h"
#include "core/jobs/job_record.h"

namespace mindllm::ui {

class DatasetCheck : public QObject {
  Q_OBJECT
public:
  explicit DatasetCheck(QObject* parent = nullptr);
  ~DatasetCheck() override;

  void setProgram(const QString& program) { program_ = program; }
  void start(const jobs::JobDraft& draft);
  bool isRunning() const { return running_; }

Q_SIGNALS:
  void previewReady(const mindllm::jobs::DatasetPreview& preview);
  // ok: the command accepted the job. message: its error line ("error: data.jsonl:17: ...") or,
  // when ok, its summary; the preview's error when the dataset failed before the command ran.
  void finished(bool ok, const QString& message);

private:
  void runCommand(quint64 generation, const jobs::JobDraft& draft);
  void stopProcess();

  QString program_;
  quint64 generation_ = 0;
  bool running_ = false;
  std::unique_ptr<QTemporaryDir> scratch_;
  QPointer<QProcess> process_;
};

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::jobs::DatasetPreview)
