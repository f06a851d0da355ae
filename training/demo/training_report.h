#pragma once
// What the pretrain and SFT stages do with the trainer's result: a run that a signal stopped
// becomes StageInterrupted (exit 75, resumable); a finished one becomes the stage's report, the
// numbers of its metrics.jsonl plus where the final model is and where this run resumed.
#include <string>

#include "core/util/json_file.h"
#include "training/trainer/trainer.h"

namespace mindllm::demo {

// `what` names the stage in the interruption message ("pretraining", "instruction tuning").
Json finishedTrainingReport(const train::TrainResult& result, const std::string& runDir, const std::string& what);

}  // namespace mindllm::demo
