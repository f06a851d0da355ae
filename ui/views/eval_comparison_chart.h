#pragma once
// Grouped bars comparing evaluation runs: one group per task (data set), one bar set per run,
// accuracy in percent. Perplexity runs are left out: lower is better there, and their scale is
// not a percentage, so they would mislead beside accuracies (the table shows them).
#include <QChartView>
#include <vector>

#include "core/storage/eval_run_record.h"

class QBarSeries;

namespace mindllm::ui {

class EvalComparisonChart : public QChartView {
  Q_OBJECT
public:
  explicit EvalComparisonChart(QWidget* parent = nullptr);

  void setRuns(const std::vector<storage::EvalRun>& runs);
  QBarSeries* series() const { return series_; }
  QStringList categories() const { return categories_; }

  // The label of a run's bar set: "tiny-llama #3".
  static QString runLabel(const storage::EvalRun& run);

private:
  QBarSeries* series_ = nullptr;
  QStringList categories_;
};

}  // namespace mindllm::ui
