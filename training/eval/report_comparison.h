#pragma once
// Several evaluation reports side by side (`mindllm-cli eval compare a.json b.json ...`): one
// Markdown table per task with a column per report and rows for the average, the mean over
// subjects, each category and each subject; the best value of a row is bold, "–" marks a subject
// a report lacks.
#include <string>
#include <vector>

#include "training/eval/eval_report.h"

namespace mindllm::eval {

// `labels` name the columns (default: the model names, made unique with the report's settings).
std::string compareReports(const std::vector<EvalReport>& reports, const std::vector<std::string>& labels = {});

}  // namespace mindllm::eval
