#include "ui/views/evaluation_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/models/eval_run_list_model.h"
#include "ui/models/evaluation_session.h"
#include "ui/models/model_list_model.h"
#include "ui/views/eval_comparison_chart.h"

namespace mindllm::ui {
namespace {
// With nothing selected the chart compares the latest runs, so a new run shows beside earlier ones.
constexpr size_t kLatestRunsCharted = 8;
}  // namespace

EvaluationPage::EvaluationPage(ModelListModel* models, const QString& dbPath, const std::vector<EvalTaskPreset>& presets,
                               QWidget* parent)
    : QWidget(parent), models_(models) {
  session_ = new EvaluationSession(dbPath, this);

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Model:")));
  modelPicker_ = new QComboBox;
  modelPicker_->setMinimumContentsLength(24);
  top->addWidget(modelPicker_, 1);
  top->addStretch();

  auto* options = new QHBoxLayout;
  options->addWidget(buildTaskBox(presets), 3);
  options->addWidget(buildSettingsBox(), 1);

  run_ = new QPushButton(tr("Run"));
  run_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setEnabled(false);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  status_ = new QLabel(tr("Ready."));
  auto* controls = new QHBoxLayout;
  controls->addWidget(run_);
  controls->addWidget(cancel_);
  controls->addWidget(progress_, 1);
  error_ = new QLabel;
  error_->setObjectName(QStringLiteral("evaluationError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral("color: #b00020;"));
  error_->hide();

  runsView_ = new QTableView;
  runsView_->setModel(session_->runs());
  runsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runsView_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  runsView_->verticalHeader()->hide();
  runsView_->setWordWrap(false);
  runsView_->horizontalHeader()->setStretchLastSection(true);
  // Model, task and score are what a row is read by: never elided (a few hundred rows at most).
  for (int column : {EvalRunListModel::ModelColumn, EvalRunListModel::TaskColumn, EvalRunListModel::ScoreColumn})
    runsView_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  runsView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  delete_ = new QPushButton(tr("Delete selected runs"));
  delete_->setEnabled(false);
  auto* runsBox = new QWidget;
  auto* runsLayout = new QVBoxLayout(runsBox);
  runsLayout->setContentsMargins(0, 0, 0, 0);
  runsLayout->addWidget(new QLabel(tr("Runs (select several to compare them):")));
  runsLayout->addWidget(runsView_, 1);
  runsLayout->addWidget(delete_, 0, Qt::AlignLeft);
  chart_ = new EvalComparisonChart;
  auto* results = new QSplitter(Qt::Horizontal);
  results->addWidget(runsBox);
  results->addWidget(chart_);
  results->setStretchFactor(0, 3);
  results->setStretchFactor(1, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(options);
  layout->addLayout(controls);
  layout->addWidget(status_);
  layout->addWidget(error_);
  layout->addWidget(results, 1);

  connect(run_, &QPushButton::clicked, this, &EvaluationPage::runChecked);
  connect(cancel_, &QPushButton::clicked, session_, &EvaluationSession::cancel);
  connect(delete_, &QPushButton::clicked, this, &EvaluationPage::deleteSelectedRuns);
  connect(session_, &EvaluationSession::runningChanged, this, &EvaluationPage::onRunningChanged);
  connect(session_, &EvaluationSession::progressChanged, this, &EvaluationPage::onProgress);
  connect(session_, &EvaluationSession::errorOccurred, this, &EvaluationPage::showError);
  connect(session_, &EvaluationSession::modelLoading, this,
          [this](const QString& dir) { status_->setText(tr("Loading the model in %1…").arg(dir)); });
  connect(session_, &EvaluationSession::taskStarted, this, [this](int index, int count, const QString& task) {
    currentTaskLabel_ = index < runLabels_.size() ? runLabels_[index] : task;
    progress_->setRange(0, 0);  // busy until the first batch reports its total
    status_->setText(tr("Task %1 of %2: %3 — reading the data…").arg(index + 1).arg(count).arg(currentTaskLabel_));
  });
  connect(session_, &EvaluationSession::finished, this, [this](bool cancelled) {
    status_->setText(cancelled ? tr("Cancelled; the part that ran is stored as cancelled.") : tr("Finished."));
  });
  connect(session_->runs(), &QAbstractItemModel::modelReset, this, &EvaluationPage::updateChart);
  connect(runsView_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    delete_->setEnabled(runsView_->selectionModel()->hasSelection());
    updateChart();
  });
  if (models_) connect(models_, &ModelListModel::refreshed, this, &EvaluationPage::fillModelPicker);
  fillModelPicker();
  updateChart();
}

EvaluationPage::~EvaluationPage() {
  // The session cancels a running job and stores it as cancelled; this page must not hear of it
  // half destroyed, so it stops listening first.
  QObject::disconnect(session_, nullptr, this, nullptr);
  QObject::disconnect(session_->runs(), nullptr, this, nullptr);
  delete session_;
}

QWidget* EvaluationPage::buildTaskBox(const std::vector<EvalTaskPreset>& presets) {
  auto* box = new QGroupBox(tr("Tasks"));
  auto* grid = new QGridLayout(box);
  int row = 0;
  for (const EvalTaskPreset& preset : presets) {
    TaskRow taskRow{preset, new QCheckBox(preset.label), new QLineEdit(preset.dataPath)};
    taskRow.data->setPlaceholderText(tr("data folder or file"));
    taskRow.data->setToolTip(tr("Data for %1 (%2)").arg(preset.label, preset.task));
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the data folder"));
    QLineEdit* edit = taskRow.data;
    connect(browse, &QToolButton::clicked, this, [this, edit] {
      const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), edit->text());
      if (!dir.isEmpty()) edit->setText(dir);
    });
    grid->addWidget(taskRow.check, row, 0);
    grid->addWidget(taskRow.data, row, 1);
    grid->addWidget(browse, row, 2);
    tasks_.push_back(taskRow);
    ++row;
  }
  grid->setColumnStretch(1, 1);
  return box;
}

QWidget* EvaluationPage::buildSettingsBox() {
  auto* box = new QGroupBox(tr("Settings"));
  auto* form = new QFormLayout(box);
  shots_ = new QSpinBox;
  shots_->setRange(-1, 25);
  shots_->setValue(-1);
  shots_->setSpecialValueText(tr("task default"));
  form->addRow(tr("k-shot:"), shots_);
  scoring_ = new QComboBox;
  scoring_->addItem(tr("letters"), QStringLiteral("letter"));
  scoring_->addItem(tr("options"), QStringLiteral("option"));
  scoring_->addItem(tr("both"), QStringLiteral("both"));
  form->addRow(tr("Scoring:"), scoring_);
  limit_ = new QSpinBox;
  limit_->setRange(0, 100000);
  limit_->setValue(0);
  limit_->setSpecialValueText(tr("all"));
  limit_->setToolTip(tr("At most this many questions per subject"));
  form->addRow(tr("Questions:"), limit_);
  return box;
}

QCheckBox* EvaluationPage::taskCheckBox(const QString& presetId) const {
  for (const TaskRow& row : tasks_)
    if (row.preset.id == presetId) return row.check;
  return nullptr;
}

QLineEdit* EvaluationPage::dataPathEdit(const QString& presetId) const {
  for (const TaskRow& row : tasks_)
    if (row.preset.id == presetId) return row.data;
  return nullptr;
}

void EvaluationPage::fillModelPicker() {
  const QString current = modelPicker_->currentData().toString();
  modelPicker_->clear();
  if (!models_) return;
  for (const ModelListModel::Entry& e : models_->entries()) {
    if (!e.error.isEmpty()) continue;
    modelPicker_->addItem(e.summary.name, e.summary.dir);
    modelPicker_->setItemData(modelPicker_->count() - 1, e.summary.dir, Qt::ToolTipRole);
  }
  const int keep = modelPicker_->findData(current);
  if (keep >= 0) modelPicker_->setCurrentIndex(keep);
}

void EvaluationPage::runChecked() {
  std::vector<EvalTaskChoice> choices;
  QStringList labels;
  for (const TaskRow& row : tasks_) {
    if (!row.check->isChecked()) continue;
    EvalTaskChoice choice;
    choice.task = row.preset.task;
    choice.dataPath = row.data->text().trimmed();
    choice.shots = shots_->value();
    choice.scoring = scoring_->currentData().toString();
    choice.limit = limit_->value();
    if (choice.dataPath.isEmpty()) {
      showError(row.preset.label, tr("Choose the data folder for %1.").arg(row.preset.label));
      return;
    }
    choices.push_back(choice);
    labels << row.preset.label;
  }
  error_->clear();
  error_->hide();
  if (session_->start(modelPicker_->currentData().toString(), choices, device_)) runLabels_ = labels;
}

void EvaluationPage::onRunningChanged(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
  if (running) {
    progress_->setRange(0, 0);
    status_->setText(tr("Starting…"));
  } else {
    progress_->setRange(0, 1);
    progress_->setValue(progress_->maximum());
  }
}

void EvaluationPage::onProgress(const EvalTaskProgress& p) {
  const int total = static_cast<int>(std::max<qint64>(p.total, 1));
  progress_->setRange(0, total);
  progress_->setValue(static_cast<int>(std::min<qint64>(p.done, total)));
  status_->setText(tr("Task %1 of %2: %3 — %4 / %5 questions · %6 questions/s")
                       .arg(p.taskIndex + 1)
                       .arg(p.taskCount)
                       .arg(currentTaskLabel_)
                       .arg(p.done)
                       .arg(p.total)
                       .arg(p.itemsPerSecond, 0, 'f', 1));
}

void EvaluationPage::showError(const QString& task, const QString& error) {
  const QString line = task.isEmpty() ? error : tr("%1: %2").arg(task, error);
  error_->setText(error_->text().isEmpty() ? line : error_->text() + QLatin1Char('\n') + line);
  error_->show();
}

void EvaluationPage::updateChart() {
  const auto& runs = session_->runs()->runs();
  std::vector<storage::EvalRun> chosen;
  const QModelIndexList rows = runsView_->selectionModel() ? runsView_->selectionModel()->selectedRows() : QModelIndexList{};
  if (rows.isEmpty()) {
    for (size_t i = 0; i < runs.size() && i < kLatestRunsCharted; ++i) chosen.push_back(runs[i]);
  } else {
    for (const QModelIndex& index : rows) chosen.push_back(runs[static_cast<size_t>(index.row())]);
    // Newest first, as in the table, whatever the click order was.
    std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  }
  chart_->setRuns(chosen);
}

void EvaluationPage::deleteSelectedRuns() {
  QList<qint64> ids;
  for (const QModelIndex& index : runsView_->selectionModel()->selectedRows())
    ids << index.data(EvalRunListModel::RunIdRole).toLongLong();
  session_->deleteRuns(ids);
}

}  // namespace mindllm::ui
