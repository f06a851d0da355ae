#include "ui/views/loss_chart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace mindllm::ui {

namespace {

QList<QPointF> pointsOf(const std::vector<jobs::LossPoint>& points) {
  QList<QPointF> out;
  out.reserve(static_cast<qsizetype>(points.size()));
  for (const jobs::LossPoint& p : points)
    if (std::isfinite(p.loss)) out.append(QPointF(static_cast<double>(p.step), p.loss));
  return out;
}

}  // namespace

LossChart::LossChart(QWidget* parent) : QChartView(parent) {
  setObjectName(QStringLiteral("lossChart"));
  auto* chart = new QChart;
  chart->setTitle(tr("Loss"));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->setBackgroundRoundness(0);

  train_ = new QLineSeries(chart);
  train_->setName(tr("Training"));
  train_->setPen(QPen(QColor(0x2f, 0x6f, 0xed), 2));
  val_ = new QLineSeries(chart);
  val_->setName(tr("Validation"));
  val_->setPen(QPen(QColor(0xe0, 0x7a, 0x1f), 2));
  valDots_ = new QScatterSeries(chart);
  valDots_->setMarkerSize(7);
  valDots_->setColor(QColor(0xe0, 0x7a, 0x1f));
  valDots_->setBorderColor(QColor(0xe0, 0x7a, 0x1f));
  chart->addSeries(train_);
  chart->addSeries(val_);
  chart->addSeries(valDots_);
  chart->legend()->markers(valDots_).first()->setVisible(false);

  steps_ = new QValueAxis(chart);
  steps_->setTitleText(tr("Step"));
  steps_->setLabelFormat(QStringLiteral("%d"));
  loss_ = new QValueAxis(chart);
  loss_->setTitleText(tr("Loss"));
  chart->addAxis(steps_, Qt::AlignBottom);
  chart->addAxis(loss_, Qt::AlignLeft);
  for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(train_), static_cast<QAbstractSeries*>(val_),
                             static_cast<QAbstractSeries*>(valDots_)}) {
    s->attachAxis(steps_);
    s->attachAxis(loss_);
  }
  setChart(chart);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(220);
  clear();
}

void LossChart::clear() { setCurves({}, {}, 0); }

void LossChart::setCurves(const std::vector<jobs::LossPoint>& train, const std::vector<jobs::LossPoint>& val,
                          qint64 maxSteps) {
  const QList<QPointF> t = pointsOf(train), v = pointsOf(val);
  train_->replace(t);
  val_->replace(v);
  valDots_->replace(v);
  double lastStep = 0, lo = 0, hi = 1;
  bool any = false;
  for (const QList<QPointF>* list : {&t, &v})
    for (const QPointF& p : *list) {
      lastStep = std::max(lastStep, p.x());
      lo = any ? std::min(lo, p.y()) : p.y();
      hi = any ? std::max(hi, p.y()) : p.y();
      any = true;
    }
  // The step axis follows the curve with some room ahead (the progress bar shows the whole run),
  // never past the run's end, and at least ten steps so its labels stay distinct.
  double stepEnd = std::max(10.0, lastStep * 1.25);
  if (maxSteps > 0) stepEnd = std::min(stepEnd, std::max(10.0, static_cast<double>(maxSteps)));
  steps_->setRange(0, stepEnd);
  steps_->applyNiceNumbers();
  const double pad = std::max((hi - lo) * 0.08, 0.05);
  loss_->setRange(any ? std::max(0.0, lo - pad) : 0.0, any ? hi + pad : 1.0);
  loss_->applyNiceNumbers();
}

int LossChart::trainPointCount() const { return static_cast<int>(train_->count()); }
int LossChart::valPointCount() const { return static_cast<int>(val_->count()); }

}  // namespace mindllm::ui
