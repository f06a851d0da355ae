#pragma once
// One evaluation run as the app stores it (core/storage/eval_run_store.h): which model and task,
// with which settings, when, how it ended, and its scores per group. Plain data, no Qt, no torch:
// the app turns a training/eval EvalReport into this (ui/workers/evaluation_worker.cpp).
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm::storage {

enum class EvalRunState { Done, Cancelled, Failed };
const char* toString(EvalRunState state);                  // "done", "cancelled", "failed"
EvalRunState parseEvalRunState(const std::string& text);   // throws Error on anything else

// A score of one group of the run: the overall average, a category, or a subject.
struct EvalGroupScore {
  std::string kind;    // "average" | "category" | "subject"
  std::string key;     // "average", category name, subject key
  std::string name;    // display name
  int64_t count = 0;   // items (or tokens for perplexity) behind the score
  double score = 0;    // accuracy in [0, 1], or perplexity
};

struct EvalRun {
  int64_t id = 0;             // set by the store
  std::string modelDir;
  std::string modelName;
  std::string task;           // ceval, cmmlu, mmlu, gsm8k, perplexity, domain
  std::string title;          // the data set's name ("C-Eval", "law-choice")
  std::string dataPath;
  std::string metric = "accuracy";  // or "perplexity"
  int shots = -1;             // -1 = the task's default
  std::string scoring = "letter";
  int limit = 0;              // questions per subject; 0 = all
  int64_t startedAt = 0;      // ms since epoch
  int64_t finishedAt = 0;
  EvalRunState state = EvalRunState::Done;
  std::string error;          // failed runs
  double score = 0;           // the average's score
  int64_t itemsDone = 0;
  double itemsPerSecond = 0;
  std::string reportJson = "{}";  // the whole EvalReport (training/eval/eval_report.h), for details
  std::vector<EvalGroupScore> groups;

  // The group of `kind` and `key`, or nullptr.
  const EvalGroupScore* group(const std::string& kind, const std::string& key) const;
};

}  // namespace mindllm::storage
