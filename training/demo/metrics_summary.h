#pragma once
// The numbers a demo report keeps from a training run's metrics.jsonl (docs/TRAINING.md): the
// whole history, also when the run was interrupted and resumed (the trainer drops the lines past
// the checkpoint it resumed from, so the file reads as one uninterrupted run).
#include <string>

#include "core/util/json_file.h"

namespace mindllm::demo {

// {"steps", "tokens", "first_loss", "last_loss", "val": [{"step","val_loss","val_ppl"}...],
//  "last_val_loss", "last_val_ppl", "mean_tokens_per_s"}; Error naming the file if it is missing.
Json summarizeMetrics(const std::string& metricsPath);

}  // namespace mindllm::demo
