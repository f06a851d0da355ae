#include "ui/models/eval_run_list_model.h"

#include <QDateTime>

namespace mindllm::ui {

EvalRunListModel::EvalRunListModel(storage::EvalRunStore& store, QObject* parent)
    : QAbstractTableModel(parent), store_(store) {
  reload();
}

int EvalRunListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int EvalRunListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void EvalRunListModel::reload() {
  beginResetModel();
  runs_ = store_.list();
  endResetModel();
}

int EvalRunListModel::rowOfRun(qint64 id) const {
  for (size_t i = 0; i < runs_.size(); ++i)
    if (runs_[i].id == id) return static_cast<int>(i);
  return -1;
}

QString EvalRunListModel::formatScore(const storage::EvalRun& run) {
  if (run.metric == "perplexity") return QString::number(run.score, 'f', 2);
  return QString::number(run.score * 100.0, 'f', 1) + QLatin1Char('%');
}

QString EvalRunListModel::stateLabel(storage::EvalRunState state) {
  switch (state) {
    case storage::EvalRunState::Done: return tr("done");
    case storage::EvalRunState::Cancelled: return tr("cancelled");
    case storage::EvalRunState::Failed: return tr("failed");
  }
  return {};
}

namespace {
QString settingsText(const storage::EvalRun& run) {
  const QString shots = run.shots < 0 ? EvalRunListModel::tr("default shots") : EvalRunListModel::tr("%1-shot").arg(run.shots);
  const QString limit = run.limit > 0 ? EvalRunListModel::tr("first %1").arg(run.limit) : EvalRunListModel::tr("all");
  return QStringLiteral("%1 · %2 · %3").arg(shots, QString::fromStdString(run.scoring), limit);
}
}  // namespace

QVariant EvalRunListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const storage::EvalRun& run = runs_[static_cast<size_t>(index.row())];
  if (role == RunIdRole) return QVariant::fromValue<qint64>(run.id);
  if (role == ScoreValueRole) return run.score;
  if (role == Qt::ToolTipRole) {
    if (!run.error.empty()) return QString::fromStdString(run.error);
    return QString::fromStdString(run.dataPath);
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case ModelColumn: return QString::fromStdString(run.modelName);
    case TaskColumn:
      return run.title.empty() || run.title == run.task
                 ? QString::fromStdString(run.task)
                 : QStringLiteral("%1 (%2)").arg(QString::fromStdString(run.task), QString::fromStdString(run.title));
    case ScoreColumn: return run.state == storage::EvalRunState::Failed ? QStringLiteral("–") : formatScore(run);
    case SettingsColumn: return settingsText(run);
    case StateColumn: return stateLabel(run.state);
    case StartedColumn: return QDateTime::fromMSecsSinceEpoch(run.startedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case SpeedColumn: return tr("%1 q/s").arg(run.itemsPerSecond, 0, 'f', 1);
    default: return {};
  }
}

QVariant EvalRunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case ModelColumn: return tr("Model");
    case TaskColumn: return tr("Task");
    case ScoreColumn: return tr("Score");
    case SettingsColumn: return tr("Settings");
    case StateColumn: return tr("State");
    case StartedColumn: return tr("Started");
    case SpeedColumn: return tr("Speed");
    default: return {};
  }
}

}  // namespace mindllm::ui
