#pragma once
// What the Jobs page shows about a run, folded from its metrics records as they arrive: step out
// of max_steps, the training and validation loss curves, and an ETA from the step rate observed
// since the process (re)started.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/jobs/metrics_record.h"

namespace mindllm::jobs {

struct LossPoint {
  int64_t step = 0;
  double loss = 0;
};

class JobProgress {
public:
  // `nowMs`: when the record was read, the clock for the ETA.
  void apply(const MetricsRecord& record, int64_t nowMs);
  // The metrics file was replaced: start over (the new file holds the whole history again).
  void reset() { *this = JobProgress(); }

  int64_t step() const { return step_; }
  int64_t maxSteps() const { return maxSteps_; }
  double fraction() const;  // 0..1; 0 while max_steps is unknown
  // Remaining milliseconds, once two training records of this (re)start were seen live.
  std::optional<int64_t> etaMs(int64_t nowMs) const;

  const std::vector<LossPoint>& trainLoss() const { return train_; }
  const std::vector<LossPoint>& valLoss() const { return val_; }
  int64_t trainSamples() const { return trainSamples_; }
  int64_t valSamples() const { return valSamples_; }
  const std::string& method() const { return method_; }
  bool done() const { return done_; }
  const std::string& modelDir() const { return modelDir_; }
  int restarts() const { return starts_ > 0 ? starts_ - 1 : 0; }

private:
  static void dropAfter(std::vector<LossPoint>& points, int64_t step);

  int64_t step_ = 0, maxSteps_ = 0;
  std::vector<LossPoint> train_, val_;
  int64_t trainSamples_ = 0, valSamples_ = 0;
  std::string method_;
  bool done_ = false;
  std::string modelDir_;
  int starts_ = 0;
  // ETA baseline: the first training record after the latest start, and the latest one.
  int64_t rateStep_ = -1, rateMs_ = 0, lastStep_ = 0, lastMs_ = 0;
};

}  // namespace mindllm::jobs
