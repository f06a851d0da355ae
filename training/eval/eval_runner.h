#pragma once
// The harness's entry point for the command line and the app: run one task on a loaded model and
// get a report. It runs on the calling thread (the app calls it from a worker thread); progress is
// reported through the callback on that thread, and setting *cancel stops it at the next batch
// with a partial report marked cancelled.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/io/model_folder.h"
#include "training/eval/eval_report.h"
#include "training/eval/eval_request.h"

namespace mindllm::eval {

// "ceval", "cmmlu", "mmlu", "gsm8k", "perplexity", "domain".
std::vector<std::string> evalTaskNames();

EvalReport runEvaluation(std::shared_ptr<LoadedModel> model, const EvalRequest& request,
                         const EvalProgressFn& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace mindllm::eval
