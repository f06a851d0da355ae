#include "ui/views/eval_comparison_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QMap>
#include <QValueAxis>
#include <algorithm>

namespace mindllm::ui {
namespace {

QString categoryOf(const storage::EvalRun& run) {
  return QString::fromStdString(run.title.empty() ? run.task : run.title);
}

bool sameSettings(const storage::EvalRun& a, const storage::EvalRun& b) {
  return a.modelDir == b.modelDir && a.shots == b.shots && a.scoring == b.scoring && a.limit == b.limit;
}

// One bar set: a run, and the runs after it of the same model and settings on other tasks.
struct BarGroup {
  const storage::EvalRun* first = nullptr;
  QMap<QString, double> percentByCategory;
};

// Oldest run first. A run joins the newest group of its model and settings unless that group
// already has its task (the same tasks run again: a new set, side by side with the old one).
std::vector<BarGroup> groupRuns(const std::vector<const storage::EvalRun*>& oldestFirst) {
  std::vector<BarGroup> groups;
  for (const storage::EvalRun* run : oldestFirst) {
    auto newest = std::find_if(groups.rbegin(), groups.rend(),
                               [run](const BarGroup& g) { return sameSettings(*g.first, *run); });
    if (newest == groups.rend() || newest->percentByCategory.contains(categoryOf(*run))) {
      groups.push_back(BarGroup{run, {}});
      newest = groups.rbegin();
    }
    newest->percentByCategory.insert(categoryOf(*run), run->score * 100.0);
  }
  return groups;
}

}  // namespace

EvalComparisonChart::EvalComparisonChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(220);
  // Beside a table that grows with its contents: keep room for a few task groups and the legend.
  setMinimumWidth(500);
  setRuns({});
}

QString EvalComparisonChart::runLabel(const storage::EvalRun& run) {
  return QStringLiteral("%1 #%2").arg(QString::fromStdString(run.modelName)).arg(run.id);
}

void EvalComparisonChart::setRuns(const std::vector<storage::EvalRun>& runs) {
  categories_.clear();
  std::vector<const storage::EvalRun*> oldestFirst;
  // Oldest run first, so tasks and bars read left to right in the order they were run.
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    if (it->metric == "perplexity" || it->state == storage::EvalRunState::Failed) continue;
    oldestFirst.push_back(&*it);
  }
  for (const storage::EvalRun* run : oldestFirst)
    if (!categories_.contains(categoryOf(*run))) categories_ << categoryOf(*run);
  auto* chart = new QChart;
  chart->setTitle(tr("Accuracy by task (%)"));
  chart->legend()->setAlignment(Qt::AlignBottom);
  series_ = new QBarSeries(chart);
  for (const BarGroup& group : groupRuns(oldestFirst)) {
    auto* set = new QBarSet(runLabel(*group.first));
    for (const QString& category : categories_) *set << group.percentByCategory.value(category, 0.0);
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
