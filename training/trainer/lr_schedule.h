#pragma once
// Learning rate per optimizer step: linear warmup from 0, then cosine decay to a floor, then the
// floor (the schedule of the MindLLM paper and of most LLM pretraining runs).
#include <cstdint>

namespace mindllm::train {

struct LrSchedule {
  double peak = 3e-4;
  double floor = 3e-5;
  int64_t warmupSteps = 0;
  int64_t decaySteps = 1000;  // step at which the cosine reaches the floor

  // `step` counts from 0 (the first optimizer step uses step 0).
  double at(int64_t step) const;
};

}  // namespace mindllm::train
