#pragma once
// The stored evaluation runs as a table (newest first): model, task, score, settings, state,
// when, and speed. Reads EvalRunStore; reload() after the store changed.
#include <QAbstractTableModel>
#include <vector>

#include "core/storage/eval_run_store.h"

namespace mindllm::ui {

class EvalRunListModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { ModelColumn, TaskColumn, ScoreColumn, SettingsColumn, StateColumn, StartedColumn, SpeedColumn, ColumnCount };
  enum Roles { RunIdRole = Qt::UserRole + 1, ScoreValueRole };

  explicit EvalRunListModel(storage::EvalRunStore& store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void reload();
  const std::vector<storage::EvalRun>& runs() const { return runs_; }
  int rowOfRun(qint64 id) const;  // -1 when absent

  // "41.7%" for accuracies, "12.34" for perplexities.
  static QString formatScore(const storage::EvalRun& run);
  static QString stateLabel(storage::EvalRunState state);

private:
  storage::EvalRunStore& store_;
  std::vector<storage::EvalRun> runs_;
};

}  // namespace mindllm::ui
