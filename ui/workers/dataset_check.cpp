#include "ui/workers/dataset_check.h"

#include "core/jobs/job_config.h"
#include "core/jobs/job_exit.h"
#include "ui/models/job_manager.h"
#include "ui/workers/background_task.h"

namespace mindllm::ui {

DatasetCheck::DatasetCheck(QObject* parent) : QObject(parent), program_(JobManager::defaultProgram()) {
  qRegisterMetaType<mindllm::jobs::DatasetPreview>();
}

DatasetCheck::~DatasetCheck() { stopProcess(); }

void DatasetCheck::stopProcess() {
  if (!process_) return;
  process_->disconnect(this);
  process_->kill();
  process_->waitForFinished(2000);
  delete process_;
}

void DatasetCheck::start(const jobs::JobDraft& draft) {
  const quint64 generation = ++generation_;
  stopProcess();
  running_ = true;
  const std::string path = draft.dataset, format = draft.hyperparameters.format;
  runInBackground<jobs::DatasetPreview>(
      this, [path, format] { return jobs::previewDataset(path, format, 3); },
      [this, generation, draft](jobs::DatasetPreview preview) {
        if (generation != generation_) return;
        Q_EMIT previewReady(preview);
        runCommand(generation, draft);
      },
      [this, generation](const QString& error) {
        if (generation != generation_) return;
        running_ = false;
        Q_EMIT finished(false, error);
      });
}

void DatasetCheck::runCommand(quint64 generation, const jobs::JobDraft& draft) {
  scratch_ = std::make_unique<QTemporaryDir>();
  const std::string config = scratch_->filePath(QStringLiteral("job.json")).toStdString();
  try {
    jobs::writeTrainerConfig(draft, scratch_->filePath(QStringLiteral("output")).toStdString(), config);
  } catch (const std::exception& e) {
    running_ = false;
    Q_EMIT finished(false, QString::fromUtf8(e.what()));
    return;
  }
  QStringList args;
  for (const std::string& a : jobs::trainerArguments(draft, config, /*checkOnly=*/true)) args << QString::fromStdString(a);
  auto* process = new QProcess(this);
  process_ = process;
  process->setProcessChannelMode(QProcess::MergedChannels);
  connect(process, &QProcess::errorOccurred, this, [this, process, generation](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart || generation != generation_) return;
    running_ = false;
    process->deleteLater();
    Q_EMIT finished(false, tr("cannot run %1: %2").arg(program_, process->errorString()));
  });
  connect(process, &QProcess::finished, this, [this, process, generation](int exitCode, QProcess::ExitStatus status) {
    process->deleteLater();
    if (generation != generation_) return;
    running_ = false;
    const std::string output = process->readAll().toStdString();
    if (status == QProcess::NormalExit && exitCode == jobs::kExitFinished) {
      Q_EMIT finished(true, QString::fromStdString(output).trimmed().section(QLatin1Char('\n'), -1));
      return;
    }
    const std::string error = jobs::lastErrorLine(output);
    Q_EMIT finished(false, error.empty() ? tr("the check failed (exit status %1)").arg(exitCode) : QString::fromStdString(error));
  });
  process->start(program_, args);
}

}  // namespace mindllm::ui
