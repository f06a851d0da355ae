#include "training/demo/training_report.h"

#include "training/demo/demo_context.h"
#include "training/demo/metrics_summary.h"

namespace mindllm::demo {

Json finishedTrainingReport(const train::TrainResult& result, const std::string& runDir, const std::string& what) {
  if (result.interrupted)
    throw StageInterrupted(what + " stopped at step " + std::to_string(result.endStep) + " after writing a checkpoint");
  Json report = summarizeMetrics(runDir + "/metrics.jsonl");
  report["model_dir"] = result.finalModelDir;
  report["resumed_from_step"] = result.startStep;
  return report;
}

}  // namespace mindllm::demo
