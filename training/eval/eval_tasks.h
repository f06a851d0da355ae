#pragma once
// The task runners behind runEvaluation(), one file each. Each fills the report's subjects, items,
// secondary metrics and task settings; runEvaluation() adds the model, timing and averages.
#include <atomic>
#include <chrono>
#include <memory>

#include "core/io/model_folder.h"
#include "training/eval/eval_report.h"
#include "training/eval/eval_request.h"

namespace mindllm::eval {

// Counts finished items and forwards them to the caller's progress callback with a rate.
class ProgressTracker {
public:
  explicit ProgressTracker(EvalProgressFn fn) : fn_(std::move(fn)) {}
  void setTotal(int64_t total) { total_ = total; }
  void advance(int64_t items, const std::string& subject);
  int64_t done() const { return done_; }

private:
  EvalProgressFn fn_;
  int64_t total_ = 0, done_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

inline bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

// ceval, cmmlu, mmlu, and domain sets of type "choice".
void runChoiceTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                   ProgressTracker& progress, const std::atomic<bool>* cancel);
// domain sets of type "classification".
void runClassificationTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                           ProgressTracker& progress, const std::atomic<bool>* cancel);
void runMathTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                 ProgressTracker& progress, const std::atomic<bool>* cancel);
void runPerplexityTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                       ProgressTracker& progress, const std::atomic<bool>* cancel);

}  // namespace mindllm::eval
