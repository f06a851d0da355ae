#include "core/jobs/job_progress.h"

#include <algorithm>

namespace mindllm::jobs {

void JobProgress::dropAfter(std::vector<LossPoint>& points, int64_t step) {
  points.erase(std::remove_if(points.begin(), points.end(), [step](const LossPoint& p) { return p.step > step; }),
               points.end());
}

void JobProgress::apply(const MetricsRecord& r, int64_t nowMs) {
  switch (r.type) {
    case MetricsRecord::Type::Start:
      // A resumed run starts again at its checkpoint: what the old process logged after it is
      // redone, so the curves must not show it twice.
      ++starts_;
      dropAfter(train_, r.step);
      dropAfter(val_, r.step);
      step_ = r.step;
      if (r.maxSteps > 0) maxSteps_ = r.maxSteps;
      trainSamples_ = r.trainSamples;
      valSamples_ = r.valSamples;
      if (!r.method.empty()) method_ = r.method;
      done_ = false;
      modelDir_.clear();
      rateStep_ = -1;
      break;
    case MetricsRecord::Type::Train:
      dropAfter(train_, r.step - 1);  // a step logged again replaces the old point
      train_.push_back({r.step, r.loss});
      step_ = r.step;
      if (rateStep_ < 0) {
        rateStep_ = r.step;
        rateMs_ = nowMs;
      }
      lastStep_ = r.step;
      lastMs_ = nowMs;
      break;
    case MetricsRecord::Type::Val:
      dropAfter(val_, r.step - 1);
      val_.push_back({r.step, r.valLoss});
      break;
    case MetricsRecord::Type::Done:
      done_ = true;
      modelDir_ = r.modelDir;
      if (maxSteps_ > 0) step_ = std::max(step_, maxSteps_);
      break;
    case MetricsRecord::Type::Other:
      break;
  }
}

double JobProgress::fraction() const {
  if (done_) return 1.0;
  if (maxSteps_ <= 0) return 0.0;
  return std::clamp(static_cast<double>(step_) / static_cast<double>(maxSteps_), 0.0, 1.0);
}

std::optional<int64_t> JobProgress::etaMs(int64_t nowMs) const {
  if (done_ || maxSteps_ <= 0 || rateStep_ < 0 || lastStep_ <= rateStep_ || lastMs_ <= rateMs_) return std::nullopt;
  const double msPerStep = static_cast<double>(lastMs_ - rateMs_) / static_cast<double>(lastStep_ - rateStep_);
  const double remaining = static_cast<double>(std::max<int64_t>(maxSteps_ - lastStep_, 0)) * msPerStep;
  // Time already spent on the step in progress counts against the remaining time.
  const double sinceLast = static_cast<double>(std::max<int64_t>(nowMs - lastMs_, 0));
  return static_cast<int64_t>(std::max(remaining - std::min(sinceLast, msPerStep), 0.0));
}

}  // namespace mindllm::jobs
