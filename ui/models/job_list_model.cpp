#include "ui/models/job_list_model.h"

#include <QFileInfo>

#include "ui/models/job_manager.h"

namespace mindllm::ui {

using jobs::JobState;

JobListModel::JobListModel(JobManager* manager, QObject* parent) : QAbstractListModel(parent), manager_(manager) {
  connect(manager_, &JobManager::jobsChanged, this, &JobListModel::reset);
  connect(manager_, &JobManager::jobChanged, this, &JobListModel::rowChanged);
  connect(manager_, &JobManager::progressChanged, this, &JobListModel::rowChanged);
  reset();
}

void JobListModel::reset() {
  std::vector<qint64> ids;
  for (const jobs::Job& j : manager_->jobs()) ids.push_back(j.id);
  if (ids == ids_) {  // same rows: only their data changed (keeps the selection)
    if (!ids_.empty()) Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    return;
  }
  beginResetModel();
  ids_ = std::move(ids);
  endResetModel();
}

void JobListModel::rowChanged(qint64 id) {
  const int row = rowOf(id);
  if (row >= 0) Q_EMIT dataChanged(index(row), index(row));
}

int JobListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(ids_.size());
}

qint64 JobListModel::idAt(int row) const {
  return row >= 0 && row < rowCount() ? ids_[static_cast<size_t>(row)] : 0;
}

int JobListModel::rowOf(qint64 id) const {
  for (size_t i = 0; i < ids_.size(); ++i)
    if (ids_[i] == id) return static_cast<int>(i);
  return -1;
}

QHash<int, QByteArray> JobListModel::roleNames() const {
  return {{IdRole, "jobId"},          {NameRole, "name"},       {StateRole, "state"},
          {StateTextRole, "stateText"}, {ProgressRole, "progress"}, {DetailRole, "detail"},
          {ErrorRole, "error"},         {BaseModelRole, "baseModel"}, {MethodRole, "method"}};
}

QVariant JobListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const qint64 id = ids_[static_cast<size_t>(index.row())];
  const std::optional<jobs::Job> j = manager_->job(id);
  if (!j) return {};
  // Live progress when the metrics were read; otherwise what the database kept.
  const jobs::JobProgress* p = manager_->knownProgress(id);
  const bool live = p && p->maxSteps() > 0;
  const qint64 step = live ? p->step() : j->step;
  const qint64 maxSteps = live ? p->maxSteps() : j->maxSteps;
  switch (role) {
    case Qt::DisplayRole:
    case NameRole: return QString::fromStdString(j->name);
    case IdRole: return id;
    case StateRole: return static_cast<int>(j->state);
    case StateTextRole: {
      if (manager_->isStopping(id)) return tr("Stopping…");
      if (j->state == JobState::Queued) {
        const int place = manager_->queuePosition(id);
        return place > 1 ? tr("Queued (%1 ahead)").arg(place - 1) : tr("Queued (next)");
      }
      return stateLabel(j->state);
    }
    case ProgressRole:
      if (j->state == JobState::Succeeded) return 1.0;
      return maxSteps > 0 ? std::min(1.0, static_cast<double>(step) / static_cast<double>(maxSteps)) : 0.0;
    case DetailRole: {
      if ((j->state == JobState::Failed || j->state == JobState::Interrupted) && !j->lastError.empty())
        return QString::fromStdString(j->lastError);
      if (j->state == JobState::Succeeded) return tr("Model ready: %1").arg(QFileInfo(QString::fromStdString(j->outputModel)).fileName());
      QString text = maxSteps > 0 ? tr("step %1 / %2").arg(step).arg(maxSteps) : QString();
      if (auto eta = manager_->etaMs(id)) text += tr(" · %1 left").arg(formatDuration(*eta));
      return text;
    }
    case ErrorRole: return QString::fromStdString(j->lastError);
    case BaseModelRole: return QString::fromStdString(j->baseModel);
    case MethodRole: return QString::fromStdString(j->method);
    case Qt::ToolTipRole:
      return QStringLiteral("%1\n%2 · %3").arg(QString::fromStdString(j->baseModel), QString::fromStdString(j->dataset),
                                               QString::fromStdString(j->method));
    default: return {};
  }
}

QString JobListModel::stateLabel(JobState state) {
  switch (state) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return tr("Running");
    case JobState::Paused: return tr("Paused");
    case JobState::Interrupted: return tr("Interrupted");
    case JobState::Succeeded: return tr("Succeeded");
    case JobState::Failed: return tr("Failed");
    case JobState::Cancelled: return tr("Cancelled");
  }
  return {};
}

QString JobListModel::formatDuration(qint64 ms) {
  const qint64 s = (std::max<qint64>(ms, 0) + 999) / 1000;
  if (s >= 3600) return tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60, 2, 10, QLatin1Char('0'));
  if (s >= 60) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return tr("%1 s").arg(s);
}

}  // namespace mindllm::ui
