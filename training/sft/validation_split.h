#pragma once
// The validation split when no validation file is given: a sample goes to validation when a
// seeded hash of its record text falls below `fraction`, so the split does not depend on the
// order of the file, on other samples, or on the number of processes, and the same sample is
// held out on every run. With a positive fraction at least one sample is held out.
#include <cstdint>
#include <vector>

#include "training/sft/conversation.h"

namespace mindllm::sft {

struct Split {
  std::vector<Conversation> train, val;
};

Split splitForValidation(std::vector<Conversation> samples, double fraction, uint64_t seed);

}  // namespace mindllm::sft
