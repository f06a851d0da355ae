#include "training/eval/report_comparison.h"

#include <algorithm>
#include <map>
#include <optional>

namespace mindllm::eval {
namespace {

struct Row {
  std::string label;
  std::vector<std::optional<double>> values;  // one per report of the task
};

std::string columnLabel(const EvalReport& r) {
  std::string label = r.modelName();
  if (r.settings.contains("shots")) label += " (" + r.settings["shots"].dump() + "-shot)";
  return label;
}

void addRow(std::vector<Row>& rows, std::map<std::string, size_t>& index, const std::string& key,
            const std::string& label, size_t column, size_t columns, double value) {
  auto it = index.find(key);
  if (it == index.end()) {
    it = index.emplace(key, rows.size()).first;
    rows.push_back({label, std::vector<std::optional<double>>(columns)});
  }
  rows[it->second].values[column] = value;
}

std::string table(const std::string& task, const std::vector<const EvalReport*>& reports,
                  const std::vector<std::string>& labels) {
  const std::string metric = reports.front()->metric;
  const bool higherBetter = reports.front()->higherIsBetter();
  std::vector<Row> rows;
  std::map<std::string, size_t> index;
  const size_t n = reports.size();
  for (size_t c = 0; c < n; ++c) {
    const auto& r = *reports[c];
    addRow(rows, index, "#average", "**Average**", c, n, r.average.score);
    if (r.subjects.size() > 1) addRow(rows, index, "#mean", "Mean of subjects", c, n, r.average.subjectAverage);
    for (const auto& cat : r.categories) addRow(rows, index, "#cat:" + cat.key, "Category: " + cat.name, c, n, cat.score);
  }
  for (size_t c = 0; c < n; ++c)
    for (const auto& s : reports[c]->subjects)
      addRow(rows, index, "subject:" + s.key, s.name == s.key ? s.key : s.name + " (" + s.key + ")", c, n, s.score);

  std::string out = "### " + task + " — " + (metric == "perplexity" ? "perplexity (lower is better)" : "accuracy (%)") +
                    "\n\n|  |";
  for (size_t c = 0; c < n; ++c) out += " " + labels[c] + " |";
  out += "\n| --- |";
  for (size_t c = 0; c < n; ++c) out += " ---: |";
  out += "\n";
  for (const auto& row : rows) {
    std::optional<double> best;
    int present = 0;
    for (const auto& v : row.values) {
      present += v.has_value();
      if (v && (!best || (higherBetter ? *v > *best : *v < *best))) best = v;
    }
    out += "| " + row.label + " |";
    for (const auto& v : row.values) {
      if (!v) {
        out += " – |";
        continue;
      }
      const std::string text = formatScore(metric, *v);
      const bool bold = present > 1 && formatScore(metric, *best) == text;
      out += bold ? " **" + text + "** |" : " " + text + " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string compareReports(const std::vector<EvalReport>& reports, const std::vector<std::string>& labels) {
  std::vector<std::string> names = labels;
  if (names.size() != reports.size()) {
    names.clear();
    for (const auto& r : reports) names.push_back(columnLabel(r));
  }
  // One table per data set: the task plus its title (two domain sets are different tables).
  auto setOf = [](const EvalReport& r) { return r.title.empty() || r.title == r.task ? r.task : r.task + " (" + r.title + ")"; };
  std::vector<std::string> tasks;
  for (const auto& r : reports)
    if (std::find(tasks.begin(), tasks.end(), setOf(r)) == tasks.end()) tasks.push_back(setOf(r));
  std::string out;
  for (const auto& task : tasks) {
    std::vector<const EvalReport*> group;
    std::vector<std::string> groupLabels;
    for (size_t i = 0; i < reports.size(); ++i)
      if (setOf(reports[i]) == task) {
        group.push_back(&reports[i]);
        groupLabels.push_back(names[i]);
      }
    // Columns with the same label get a number so they stay apart.
    for (size_t i = 0; i < groupLabels.size(); ++i) {
      int same = 0;
      for (size_t j = 0; j < i; ++j) same += groupLabels[j] == groupLabels[i] || groupLabels[j].rfind(groupLabels[i] + " #", 0) == 0;
      if (same > 0) groupLabels[i] += " #" + std::to_string(same + 1);
    }
    out += (out.empty() ? "" : "\n") + table(task, group, groupLabels);
  }
  return out;
}

}  // namespace mindllm::eval
