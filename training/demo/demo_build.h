#pragma once
// `mindllm-cli demo build`: runs the stages one after another in a work folder. A stage whose
// marker exists is skipped, so a build interrupted anywhere (Ctrl-C, kill, power loss) continues
// where it stopped when run again; pretraining continues from its newest checkpoint. The stages'
// reports are collected in <work>/demo_report.json and summarised in a table at the end.
#include "training/demo/demo_context.h"

namespace mindllm::demo {

constexpr int kExitInterrupted = 75;  // a training stage stopped by a signal; run again to resume

// Returns the process exit code: 0 built, 75 interrupted (resumable). Errors throw mindllm::Error.
int runDemoBuild(const DemoOptions& options);

}  // namespace mindllm::demo
