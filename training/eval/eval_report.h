#pragma once
// The result of one evaluation run: per-subject scores, per-category and overall averages, the
// settings and model it was run with, secondary metrics and per-item predictions. Saved as JSON
// (the format the app stores and `eval compare` reads) and rendered as a Markdown table.
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::eval {

struct GroupScore {
  std::string key;                      // subject key, category name, or "average"
  std::string name;                     // display name
  std::vector<std::string> categories;  // subjects only
  int64_t count = 0;                    // items with a reference (questions, texts, problems) or scored tokens
  int64_t correct = 0;                  // accuracy metrics
  double nll = 0;                       // perplexity: summed negative log-likelihood (nats)
  double score = 0;                     // the report's metric: accuracy in [0, 1] or perplexity
  int subjects = 0;                     // categories and average: how many subjects they cover
  double subjectAverage = 0;            // categories and average: mean of their subjects' scores
};

struct EvalReport {
  std::string task;    // ceval, cmmlu, mmlu, gsm8k, perplexity, domain
  std::string title;   // the data set's name
  std::string metric = "accuracy";  // or "perplexity" (lower is better)
  Json model = Json::object();      // dir, name, layout, parameters, device, dtype
  Json settings = Json::object();   // data, split, shots, limit, batch_size, scoring, prefix_reuse, ...
  std::vector<GroupScore> subjects;
  std::vector<GroupScore> categories;  // filled by summarise()
  GroupScore average;                  // filled by summarise(): micro average over items
  // Other metrics, each {"average": x, "percent": bool, "subjects": {key: x}, ...}, e.g.
  // "option_norm_accuracy", "macro_f1", "bits_per_byte".
  Json secondary = Json::object();
  Json items = Json::array();          // per-item predictions
  double seconds = 0;
  int64_t itemsDone = 0;               // items scored (all unless cancelled)
  bool cancelled = false;
  std::string created;                 // UTC, ISO 8601

  bool higherIsBetter() const { return metric != "perplexity"; }
  std::string modelName() const;

  Json toJson() const;
  // `where` names the file in errors.
  static EvalReport fromJson(const Json& json, const std::string& where);
  // A heading, the subject table and the category table.
  std::string markdown() const;
};

// Scores each subject from its counts, then fills categories (micro over their items, plus the
// mean of their subjects) and the overall average in the same two ways.
void summarise(EvalReport& report);

EvalReport readReport(const std::string& path);
void writeReport(const std::string& path, const EvalReport& report);  // atomic

// "41.7" for accuracies (percent), "12.34" for perplexities.
std::string formatScore(const std::string& metric, double score);
std::string utcTimestamp();

}  // namespace mindllm::eval
