#include "training/trainer/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace mindllm::train {

double LrSchedule::at(int64_t step) const {
  // Warmup reaches the peak on its last step (step + 1 of warmupSteps), never uses lr 0.
  if (step < warmupSteps) return peak * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
  if (step >= decaySteps) return floor;
  const double progress =
      static_cast<double>(step - warmupSteps) / static_cast<double>(std::max<int64_t>(1, decaySteps - warmupSteps));
  return floor + 0.5 * (peak - floor) * (1.0 + std::cos(M_PI * progress));
}

}  // namespace mindllm::train
