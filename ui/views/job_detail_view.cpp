#include "ui/views/job_detail_view.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>
#include <functional>

#include "ui/models/job_list_model.h"
#include "ui/models/job_manager.h"
#include "ui/views/icons.h"
#include "ui/views/loss_chart.h"

namespace mindllm::ui {

using jobs::JobState;

JobDetailView::JobDetailView(JobManager* manager, QWidget* parent) : QWidget(parent), manager_(manager) {
  setObjectName(QStringLiteral("jobDetail"));
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("jobTitle"));
  state_ = new QLabel(this);
  state_->setObjectName(QStringLiteral("jobState"));
  info_ = new QLabel(this);
  info_->setObjectName(QStringLiteral("jobInfo"));
  info_->setWordWrap(true);
  info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("jobError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->setFixedHeight(8);
  progressText_ = new QLabel(this);
  progressText_->setObjectName(QStringLiteral("jobProgressText"));
  chart_ = new LossChart(this);
  log_ = new QPlainTextEdit(this);
  log_->setObjectName(QStringLiteral("jobLog"));
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  log_->setLineWrapMode(QPlainTextEdit::NoWrap);

  pause_ = new QPushButton(icons::get(QStringLiteral("stop")), tr("Pause"), this);
  resume_ = new QPushButton(icons::get(QStringLiteral("regenerate")), tr("Resume"), this);
  cancel_ = new QPushButton(tr("Cancel job"), this);
  use_ = new QPushButton(icons::get(QStringLiteral("new_chat")), tr("Use in chat"), this);
  use_->setObjectName(QStringLiteral("primaryButton"));
  delete_ = new QPushButton(icons::get(QStringLiteral("delete")), tr("Delete"), this);
  pause_->setToolTip(tr("Write a checkpoint and stop; Resume continues from it"));
  cancel_->setToolTip(tr("Stop for good; the job cannot be resumed"));
  use_->setToolTip(tr("Start a conversation with the fine-tuned model"));

  connect(pause_, &QPushButton::clicked, this, [this] { act([this] { manager_->pause(id_); }); });
  connect(resume_, &QPushButton::clicked, this, [this] { act([this] { manager_->resume(id_); }); });
  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (QMessageBox::question(this, tr("Cancel job"), tr("Cancel this job? It cannot be resumed afterwards.")) ==
        QMessageBox::Yes)
      act([this] { manager_->cancel(id_); });
  });
  connect(delete_, &QPushButton::clicked, this, [this] {
    if (QMessageBox::question(this, tr("Delete job"),
                              tr("Delete this job and its checkpoints? A model it published stays in the model list.")) ==
        QMessageBox::Yes)
      act([this] { manager_->remove(id_); });
  });
  connect(use_, &QPushButton::clicked, this, [this] {
    if (auto j = manager_->job(id_); j && !j->outputModel.empty())
      Q_EMIT useModelRequested(QString::fromStdString(j->outputModel));
  });

  auto* header = new QHBoxLayout;
  header->addWidget(title_);
  header->addWidget(state_);
  header->addStretch();
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {pause_, resume_, cancel_, use_, delete_}) buttons->addWidget(b);
  buttons->addStretch();

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(chart_);
  split->addWidget(log_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setChildrenCollapsible(false);

  content_ = new QWidget(this);
  auto* layout = new QVBoxLayout(content_);
  layout->setContentsMargins(16, 12, 16, 12);
  layout->addLayout(header);
  layout->addWidget(info_);
  layout->addWidget(error_);
  layout->addWidget(progress_);
  layout->addWidget(progressText_);
  layout->addLayout(buttons);
  layout->addWidget(split, 1);

  empty_ = new QLabel(tr("Select a job to see its progress, loss curve and log."), this);
  empty_->setObjectName(QStringLiteral("jobsEmpty"));
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setWordWrap(true);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(content_, 1);
  outer->addWidget(empty_, 1);

  etaTimer_.setInterval(1000);
  connect(&etaTimer_, &QTimer::timeout, this, &JobDetailView::refreshProgress);
  connect(manager_, &JobManager::jobChanged, this, [this](qint64 id) {
    if (id == id_) refreshJob();
  });
  connect(manager_, &JobManager::jobsChanged, this, [this] {
    if (id_ && !manager_->job(id_)) showJob(0);  // deleted
  });
  connect(manager_, &JobManager::progressChanged, this, [this](qint64 id) {
    if (id == id_) refreshProgress();
  });
  connect(manager_, &JobManager::logChanged, this, &JobDetailView::onLog);
  showJob(0);
}

void JobDetailView::act(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

void JobDetailView::showJob(qint64 id) {
  id_ = id;
  log_->clear();
  chart_->clear();
  if (id_) {
    log_->setPlainText(manager_->log(id_));
    log_->verticalScrollBar()->setValue(log_->verticalScrollBar()->maximum());
    manager_->progress(id_);  // starts reading its files if nothing was read yet
  }
  refreshJob();
}

void JobDetailView::refreshJob() {
  const std::optional<jobs::Job> j = id_ ? manager_->job(id_) : std::nullopt;
  content_->setVisible(j.has_value());
  empty_->setVisible(!j);
  if (!j) {
    etaTimer_.stop();
    return;
  }
  title_->setText(QString::fromStdString(j->name));
  const bool busy = manager_->hasProcess(id_);
  state_->setText(manager_->isStopping(id_) ? tr("Stopping…") : JobListModel::stateLabel(j->state));
  state_->setProperty("state", QString::fromLatin1(jobs::toString(j->state)));
  state_->style()->unpolish(state_);
  state_->style()->polish(state_);
  const QString method = j->method == "lora" ? tr("LoRA") : tr("full fine-tuning");
  QString info = tr("Base model: %1\nData: %2\nMethod: %3 · device %4 · created %5")
                     .arg(QString::fromStdString(j->baseModel), QString::fromStdString(j->dataset), method,
                          QString::fromStdString(j->device),
                          QLocale().toString(QDateTime::fromMSecsSinceEpoch(j->createdAt), QLocale::ShortFormat));
  if (!j->outputModel.empty()) info += tr("\nModel: %1").arg(QString::fromStdString(j->outputModel));
  info_->setText(info);
  error_->setText(QString::fromStdString(j->lastError));
  error_->setVisible(!j->lastError.empty());

  const bool running = j->state == JobState::Running && busy;
  pause_->setVisible(running);
  pause_->setEnabled(running && !manager_->isStopping(id_));
  resume_->setVisible(jobs::isResumable(j->state));
  cancel_->setVisible(!jobs::isFinal(j->state));
  cancel_->setEnabled(!(busy && !running));
  use_->setVisible(j->state == JobState::Succeeded && !j->outputModel.empty());
  delete_->setVisible(!busy && j->state != JobState::Queued && j->state != JobState::Running);
  if (running)
    etaTimer_.start();
  else
    etaTimer_.stop();
  refreshProgress();
}

void JobDetailView::refreshProgress() {
  const std::optional<jobs::Job> j = id_ ? manager_->job(id_) : std::nullopt;
  if (!j) return;
  const jobs::JobProgress& p = manager_->progress(id_);
  const qint64 step = p.maxSteps() > 0 ? p.step() : j->step;
  const qint64 maxSteps = p.maxSteps() > 0 ? p.maxSteps() : j->maxSteps;
  const bool done = j->state == JobState::Succeeded;
  progress_->setValue(done ? 1000 : maxSteps > 0 ? static_cast<int>(1000 * std::min(step, maxSteps) / maxSteps) : 0);
  QString text = maxSteps > 0 ? tr("Step %1 of %2").arg(step).arg(maxSteps) : tr("Waiting for the first step…");
  if (j->state != JobState::Running && maxSteps <= 0) text.clear();
  if (auto eta = manager_->etaMs(id_)) text += tr(" · about %1 left").arg(JobListModel::formatDuration(*eta));
  if (!p.trainLoss().empty()) text += tr(" · loss %1").arg(p.trainLoss().back().loss, 0, 'f', 3);
  if (!p.valLoss().empty()) text += tr(" · validation %1").arg(p.valLoss().back().loss, 0, 'f', 3);
  progressText_->setText(text);
  chart_->setCurves(p.trainLoss(), p.valLoss(), maxSteps);
}

void JobDetailView::onLog(qint64 id, bool reset, const QString& appended) {
  if (id != id_) return;
  if (reset) {
    log_->setPlainText(manager_->log(id_));
  } else if (!appended.isEmpty()) {
    QScrollBar* bar = log_->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 4;
    log_->appendPlainText(appended.endsWith(QLatin1Char('\n')) ? appended.chopped(1) : appended);
    if (atEnd) bar->setValue(bar->maximum());
  }
}

}  // namespace mindllm::ui
