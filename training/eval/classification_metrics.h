#pragma once
// Accuracy and macro-F1 for the domain classification sets. Macro-F1 averages the F1 of every
// label that occurs in the references or the predictions (scikit-learn's default label set), so a
// small test file that lacks a label is not charged an F1 of 0 for it.
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::eval {

struct LabelMetrics {
  std::string label;
  int support = 0;     // references with this label
  int predicted = 0;   // predictions of this label
  int correct = 0;     // both
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassificationMetrics {
  double accuracy = 0;
  double macroF1 = 0;
  std::vector<LabelMetrics> labels;          // in label-set order
  std::vector<std::vector<int>> confusion;   // [reference][prediction]

  Json toJson() const;
};

// `gold` and `predicted` hold indices into `labels`.
ClassificationMetrics classificationMetrics(const std::vector<int>& gold, const std::vector<int>& predicted,
                                            const std::vector<std::string>& labels);

}  // namespace mindllm::eval
