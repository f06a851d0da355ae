#pragma once
// The Evaluation page: pick a model and tasks (each with its data folder), set k-shot, scoring and
// a question limit, Run / Cancel with a progress bar, then see the stored runs as a table and the
// selected runs (or the latest ones) as grouped bars per task. Runs are stored in the app database
// and listed again after a restart. The work runs in EvaluationSession's worker thread.
#include <QWidget>
#include <QStringList>

#include "ui/models/eval_task_catalog.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace mindllm::ui {

class EvalComparisonChart;
class EvaluationSession;
class ModelListModel;
struct EvalTaskProgress;

class EvaluationPage : public QWidget {
  Q_OBJECT
public:
  // `models` is the app's model list (shared with the chat); runs are kept in the database at
  // `dbPath`. Throws mindllm::Error when the database cannot be opened.
  EvaluationPage(ModelListModel* models, const QString& dbPath,
                 const std::vector<EvalTaskPreset>& presets = evalTaskPresets(EvalDataRoots::appDefaults()),
                 QWidget* parent = nullptr);
  ~EvaluationPage() override;

  // Starts the checked tasks on the chosen model (what Run does).
  void runChecked();
  // The compute device runs use ("cpu", "cuda", "cuda:1"); the app passes its preference.
  void setDevice(const QString& device) { device_ = device; }

  EvaluationSession* session() const { return session_; }
  QComboBox* modelPicker() const { return modelPicker_; }
  QCheckBox* taskCheckBox(const QString& presetId) const;
  QLineEdit* dataPathEdit(const QString& presetId) const;
  QSpinBox* shotsSpin() const { return shots_; }
  QComboBox* scoringPicker() const { return scoring_; }
  QSpinBox* limitSpin() const { return limit_; }
  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* deleteButton() const { return delete_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }
  QLabel* errorLabel() const { return error_; }
  QTableView* runsView() const { return runsView_; }
  EvalComparisonChart* chart() const { return chart_; }

private:
  struct TaskRow {
    EvalTaskPreset preset;
    QCheckBox* check = nullptr;
    QLineEdit* data = nullptr;
  };
  QWidget* buildTaskBox(const std::vector<EvalTaskPreset>& presets);
  QWidget* buildSettingsBox();
  void fillModelPicker();
  void onRunningChanged(bool running);
  void onProgress(const EvalTaskProgress& progress);
  void showError(const QString& task, const QString& error);
  void updateChart();
  void deleteSelectedRuns();

  ModelListModel* models_;
  EvaluationSession* session_ = nullptr;
  std::vector<TaskRow> tasks_;
  QComboBox* modelPicker_ = nullptr;
  QSpinBox* shots_ = nullptr;
  QComboBox* scoring_ = nullptr;
  QSpinBox* limit_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* delete_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* error_ = nullptr;
  QTableView* runsView_ = nullptr;
  EvalComparisonChart* chart_ = nullptr;
  QString device_ = QStringLiteral("cpu");
  QStringList runLabels_;  // the running job's tasks, as labelled on the page
  QString currentTaskLabel_;
};

}  // namespace mindllm::ui
