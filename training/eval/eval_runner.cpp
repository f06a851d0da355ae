#include "training/eval/eval_runner.h"

#include <filesystem>

#include "core/util/error.h"
#include "training/eval/domain_sets.h"
#include "training/eval/eval_tasks.h"

namespace mindllm::eval {

const char* toString(ChoiceScoring scoring) {
  switch (scoring) {
    case ChoiceScoring::Letter: return "letter";
    case ChoiceScoring::Option: return "option";
    case ChoiceScoring::Both: return "both";
  }
  return "letter";
}

ChoiceScoring parseChoiceScoring(const std::string& text) {
  if (text == "letter") return ChoiceScoring::Letter;
  if (text == "option") return ChoiceScoring::Option;
  if (text == "both") return ChoiceScoring::Both;
  throw Error("unknown scoring '" + text + "' (use letter, option or both)");
}

void ProgressTracker::advance(int64_t items, const std::string& subject) {
  done_ += items;
  if (!fn_) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  fn_(EvalProgress{done_, total_, subject, seconds > 0 ? static_cast<double>(done_) / seconds : 0.0});
}

std::vector<std::string> evalTaskNames() { return {"ceval", "cmmlu", "mmlu", "gsm8k", "perplexity", "domain"}; }

EvalReport runEvaluation(std::shared_ptr<LoadedModel> model, const EvalRequest& request,
                         const EvalProgressFn& progressFn, const std::atomic<bool>* cancel) {
  if (!model) throw Error("evaluation needs a loaded model");
  if (request.dataPath.empty()) throw Error("evaluation needs a data path (--data)");
  if (!std::filesystem::exists(request.dataPath)) throw fileError(request.dataPath, "no such file or folder");
  EvalReport report;
  report.task = request.task;
  report.created = utcTimestamp();
  const auto& config = model->config();
  report.model = {{"dir", model->dir()},
                  {"name", std::filesystem::path(model->dir()).filename().string()},
                  {"layout", toString(config.layout)},
                  {"parameters", config.parameterCount()},
                  {"context", config.maxPositions},
                  {"device", model->device().device},
                  {"dtype", model->device().resolvedDtype()}};
  if (report.model["name"] == "") report.model["name"] = std::filesystem::path(model->dir()).parent_path().filename().string();
  report.settings["data"] = request.dataPath;
  ProgressTracker progress(progressFn);
  const auto start = std::chrono::steady_clock::now();
  const std::string& task = request.task;
  if (task == "ceval" || task == "cmmlu" || task == "mmlu") {
    runChoiceTask(model, request, report, progress, cancel);
  } else if (task == "domain") {
    if (readDomainTask(request.dataPath).type == "classification")
      runClassificationTask(model, request, report, progress, cancel);
    else
      runChoiceTask(model, request, report, progress, cancel);
  } else if (task == "gsm8k") {
    runMathTask(model, request, report, progress, cancel);
  } else if (task == "perplexity") {
    runPerplexityTask(model, request, report, progress, cancel);
  } else {
    throw Error("unknown task '" + task + "' (known: ceval, cmmlu, mmlu, gsm8k, perplexity, domain)");
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.cancelled = cancelled(cancel);
  summarise(report);
  return report;
}

}  // namespace mindllm::eval
