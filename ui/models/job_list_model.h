#pragma once
// The Jobs page's list: every fine-tuning job, newest first, with its state and progress, kept in
// step with the JobManager's signals.
#include <QAbstractListModel>

#include "core/jobs/job_state.h"

namespace mindllm::ui {

class JobManager;

class JobListModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum Roles {
    IdRole = Qt::UserRole + 1,
    NameRole,
    StateRole,      // jobs::JobState as int
    StateTextRole,  // "Running", "Queued (2nd)", "Pausing…"
    ProgressRole,   // 0..1
    DetailRole,     // "step 40 / 100 · 2 min 10 s left", or the error
    ErrorRole,
    BaseModelRole,
    MethodRole,
  };

  explicit JobListModel(JobManager* manager, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  qint64 idAt(int row) const;
  int rowOf(qint64 id) const;

  static QString stateLabel(jobs::JobState state);
  // "45 s", "3 min 20 s", "1 h 05 min".
  static QString formatDuration(qint64 ms);

private:
  void reset();
  void rowChanged(qint64 id);

  JobManager* manager_;
  std::vector<qint64> ids_;
};

}  // namespace mindllm::ui
