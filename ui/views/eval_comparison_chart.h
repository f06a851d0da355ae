#pragma once
// Grouped bars comparing evaluation runs: one group per task (data set), accuracy in percent, one
// bar set per model and settings: the runs of one press of Run (several tasks) share a set, and a
// task run again with the same settings starts a new set beside the old one. Perplexity runs are left out: lower is better there, and their scale is
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

  // The label of a bar set, after its first run: "tiny-llama #3".
  static QString runLabel(const storage::EvalRun& run);

private:
  QBarSeries* series_ = nullptr;
  QStringList categories_;
};

}  // namespace mindllm::ui
