#pragma once
// What to evaluate and how: the input of runEvaluation() (eval_runner.h), filled from the command
// line by `mindllm-cli eval` or from the app's Evaluation page.
#include <functional>
#include <string>
#include <vector>

namespace mindllm::eval {

enum class ChoiceScoring {
  Letter,  // log-likelihood of each answer letter after the lettered prompt (the benchmarks' standard)
  Option,  // log-likelihood of each option's text after a cloze prompt, compared per character
  Both,
};
const char* toString(ChoiceScoring scoring);
ChoiceScoring parseChoiceScoring(const std::string& text);  // "letter", "option", "both"

struct EvalRequest {
  std::string task;      // ceval, cmmlu, mmlu, gsm8k, perplexity, domain
  std::string dataPath;  // benchmark root folder, .jsonl file, task folder, or text file/folder
  std::string split;     // "" = the task's default (C-Eval val, CMMLU/MMLU/domain test)
  std::string devPath;   // gsm8k/domain: file with the k-shot examples (default: train.jsonl / dev.jsonl beside)
  int shots = -1;        // -1 = the task's default (5; 8 for gsm8k; 0 for perplexity)
  int limit = 0;         // at most this many items per subject (perplexity: tokens per file); 0 = all
  int batchSize = 8;     // questions (letters) or windows (perplexity) per forward pass
  ChoiceScoring scoring = ChoiceScoring::Letter;
  bool reusePrefix = true;            // cache shared prompt prefixes (off only to measure what it buys)
  std::vector<std::string> subjects;  // only these subject keys; empty = all
  int maxNewTokens = 256;             // gsm8k generation budget
  std::string language;               // gsm8k prompt language: "en" (default) or "zh"
  int context = 0;                    // perplexity window in tokens; 0 = the model's
  int stride = 0;                     // perplexity stride; 0 = half the window
  bool keepItems = true;              // per-item predictions in the report
};

struct EvalProgress {
  int64_t done = 0;
  int64_t total = 0;
  std::string subject;        // the subject being scored
  double itemsPerSecond = 0;
};
using EvalProgressFn = std::function<void(const EvalProgress&)>;

}  // namespace mindllm::eval
