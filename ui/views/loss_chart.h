#pragma once
// The live loss chart of a job: training loss per logged step and validation loss per
// evaluation, against the step, with axes that follow the data.
#include <QChartView>
#include <vector>

#include "core/jobs/job_progress.h"

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace mindllm::ui {

class LossChart : public QChartView {
  Q_OBJECT
public:
  explicit LossChart(QWidget* parent = nullptr);

  // Replaces the curves. `maxSteps` > 0 fixes the step axis to the whole run.
  void setCurves(const std::vector<jobs::LossPoint>& train, const std::vector<jobs::LossPoint>& val, qint64 maxSteps);
  void clear();

  int trainPointCount() const;
  int valPointCount() const;

private:
  QLineSeries* train_ = nullptr;
  QLineSeries* val_ = nullptr;
  QScatterSeries* valDots_ = nullptr;
  QValueAxis* steps_ = nullptr;
  QValueAxis* loss_ = nullptr;
};

}  // namespace mindllm::ui
