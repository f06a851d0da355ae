#include "ui/views/eval_comparison_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>

namespace mindllm::ui {
namespace {

QString categoryOf(const storage::EvalRun& run) {
  return QString::fromStdString(run.title.empty() ? run.task : run.title);
}

}  // namespace

EvalComparisonChart::EvalComparisonChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(220);
  setRuns({});
}

QString EvalComparisonChart::runLabel(const storage::EvalRun& run) {
  return QStringLiteral("%1 #%2").arg(QString::fromStdString(run.modelName)).arg(run.id);
}

void EvalComparisonChart::setRuns(const std::vector<storage::EvalRun>& runs) {
  categories_.clear();
  std::vector<const storage::EvalRun*> shown;
  for (const storage::EvalRun& run : runs) {
    if (run.metric == "perplexity" || run.state == storage::EvalRunState::Failed) continue;
    shown.push_back(&run);
    if (!categories_.contains(categoryOf(run))) categories_ << categoryOf(run);
  }
  auto* chart = new QChart;
  chart->setTitle(tr("Accuracy by task (%)"));
  chart->legend()->setAlignment(Qt::AlignBottom);
  series_ = new QBarSeries(chart);
  // Oldest run first, so the bars read left to right in the order they were run.
  for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
    const storage::EvalRun& run = **it;
    auto* set = new QBarSet(runLabel(run));
    for (const QString& category : categories_) *set << (categoryOf(run) == category ? run.score * 100.0 : 0.0);
    series_->append(set);
  }
  chart->addSeries(series_);
  auto* x = new QBarCategoryAxis(chart);
  x->append(categories_);
  auto* y = new QValueAxis(chart);
  y->setRange(0, 100);
  y->setLabelFormat(QStringLiteral("%.0f"));
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  series_->attachAxis(x);
  series_->attachAxis(y);
  QChart* old = this->chart();
  setChart(chart);
  delete old;
}

}  // namespace mindllm::ui
