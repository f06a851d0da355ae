#include "training/eval/classification_metrics.h"

#include "core/util/error.h"

namespace mindllm::eval {

ClassificationMetrics classificationMetrics(const std::vector<int>& gold, const std::vector<int>& predicted,
                                            const std::vector<std::string>& labels) {
  if (gold.size() != predicted.size()) throw Error("classification metrics: references and predictions differ in number");
  const size_t n = labels.size();
  ClassificationMetrics m;
  m.confusion.assign(n, std::vector<int>(n, 0));
  m.labels.resize(n);
  int correct = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto g = static_cast<size_t>(gold[i]), p = static_cast<size_t>(predicted[i]);
    if (g >= n || p >= n) throw Error("classification metrics: label index out of range");
    ++m.confusion[g][p];
    ++m.labels[g].support;
    ++m.labels[p].predicted;
    if (g == p) {
      ++m.labels[g].correct;
      ++correct;
    }
  }
  m.accuracy = gold.empty() ? 0 : static_cast<double>(correct) / static_cast<double>(gold.size());
  int present = 0;
  for (size_t k = 0; k < n; ++k) {
    auto& l = m.labels[k];
    l.label = labels[k];
    l.precision = l.predicted ? static_cast<double>(l.correct) / l.predicted : 0;
    l.recall = l.support ? static_cast<double>(l.correct) / l.support : 0;
    l.f1 = l.precision + l.recall > 0 ? 2 * l.precision * l.recall / (l.precision + l.recall) : 0;
    if (l.support > 0 || l.predicted > 0) {
      m.macroF1 += l.f1;
      ++present;
    }
  }
  if (present > 0) m.macroF1 /= present;
  return m;
}

Json ClassificationMetrics::toJson() const {
  Json perLabel = Json::array();
  for (const auto& l : labels)
    perLabel.push_back({{"label", l.label},
                        {"support", l.support},
                        {"predicted", l.predicted},
                        {"correct", l.correct},
                        {"precision", l.precision},
                        {"recall", l.recall},
                        {"f1", l.f1}});
  return {{"average", macroF1}, {"percent", true}, {"accuracy", accuracy}, {"labels", perLabel},
          {"confusion", confusion}};
}

}  // namespace mindllm::eval
