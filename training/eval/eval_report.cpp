#include "training/eval/eval_report.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>

#include "core/util/error.h"

namespace mindllm::eval {
namespace {

constexpr int kFormatVersion = 1;

double scoreOf(const std::string& metric, const GroupScore& g) {
  if (g.count == 0) return 0;
  if (metric == "perplexity") return std::exp(g.nll / static_cast<double>(g.count));
  return static_cast<double>(g.correct) / static_cast<double>(g.count);
}

Json groupToJson(const GroupScore& g, const std::string& metric, bool isSubject) {
  Json j = {{"key", g.key}, {"name", g.name}, {"count", g.count}, {"score", g.score}};
  if (isSubject) j["categories"] = g.categories;
  if (metric == "perplexity")
    j["nll"] = g.nll;
  else
    j["correct"] = g.correct;
  if (!isSubject) {
    j["subjects"] = g.subjects;
    j["subject_average"] = g.subjectAverage;
  }
  return j;
}

GroupScore groupFromJson(const Json& j, const std::string& where) {
  GroupScore g;
  g.key = requireField<std::string>(j, "key", where);
  g.name = optionalField<std::string>(j, "name", g.key, where);
  g.count = optionalField<long>(j, "count", 0, where);
  g.correct = optionalField<long>(j, "correct", 0, where);
  g.nll = optionalField<double>(j, "nll", 0.0, where);
  g.score = requireField<double>(j, "score", where);
  g.subjects = optionalField<int>(j, "subjects", 0, where);
  g.subjectAverage = optionalField<double>(j, "subject_average", 0.0, where);
  if (auto c = j.find("categories"); c != j.end() && c->is_array())
    for (const auto& v : *c) g.categories.push_back(v.get<std::string>());
  return g;
}

std::string escapeCell(std::string s) {
  for (size_t pos = s.find('|'); pos != std::string::npos; pos = s.find('|', pos + 2)) s.replace(pos, 1, "\\|");
  return s;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string formatScore(const std::string& metric, double score) {
  char buf[32];
  if (metric == "perplexity")
    std::snprintf(buf, sizeof buf, "%.2f", score);
  else
    std::snprintf(buf, sizeof buf, "%.1f", 100.0 * score);
  return buf;
}

std::string utcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string EvalReport::modelName() const {
  if (model.contains("name") && model["name"].is_string()) return model["name"].get<std::string>();
  return "model";
}

void summarise(EvalReport& report) {
  std::map<std::string, GroupScore> categories;
  std::vector<std::string> order;
  GroupScore average;
  average.key = "average";
  average.name = "Average";
  for (auto& s : report.subjects) {
    s.score = scoreOf(report.metric, s);
    for (const auto& c : s.categories) {
      auto [it, fresh] = categories.try_emplace(c);
      if (fresh) {
        order.push_back(c);
        it->second.key = it->second.name = c;
      }
      it->second.count += s.count;
      it->second.correct += s.correct;
      it->second.nll += s.nll;
      it->second.subjects += 1;
      it->second.subjectAverage += s.score;
    }
    average.count += s.count;
    average.correct += s.correct;
    average.nll += s.nll;
    average.subjects += 1;
    average.subjectAverage += s.score;
  }
  report.categories.clear();
  for (const auto& name : order) {
    GroupScore c = categories[name];
    c.score = scoreOf(report.metric, c);
    c.subjectAverage /= std::max(1, c.subjects);
    report.categories.push_back(c);
  }
  average.score = scoreOf(report.metric, average);
  average.subjectAverage /= std::max(1, average.subjects);
  report.average = average;
}

Json EvalReport::toJson() const {
  Json j;
  j["format"] = "mindllm-eval-report";
  j["version"] = kFormatVersion;
  j["task"] = task;
  j["title"] = title;
  j["metric"] = metric;
  j["higher_is_better"] = higherIsBetter();
  j["model"] = model;
  j["settings"] = settings;
  j["average"] = groupToJson(average, metric, false);
  j["categories"] = Json::array();
  for (const auto& c : categories) j["categories"].push_back(groupToJson(c, metric, false));
  j["subjects"] = Json::array();
  for (const auto& s : subjects) j["subjects"].push_back(groupToJson(s, metric, true));
  j["secondary"] = secondary;
  j["seconds"] = seconds;
  j["items_done"] = itemsDone;
  j["items_per_second"] = seconds > 0 ? static_cast<double>(itemsDone) / seconds : 0.0;
  j["cancelled"] = cancelled;
  j["created"] = created;
  j["items"] = items;
  return j;
}

EvalReport EvalReport::fromJson(const Json& j, const std::string& where) {
  if (!j.is_object() || optionalField<std::string>(j, "format", "", where) != "mindllm-eval-report")
    throw Error(where + ": not an evaluation report (field 'format' is not \"mindllm-eval-report\")");
  const int version = requireField<int>(j, "version", where);
  if (version > kFormatVersion)
    throw Error(where + ": report format version " + std::to_string(version) + " is newer than this program's " +
                std::to_string(kFormatVersion));
  EvalReport r;
  r.task = requireField<std::string>(j, "task", where);
  r.title = optionalField<std::string>(j, "title", "", where);
  r.metric = requireField<std::string>(j, "metric", where);
  if (r.metric != "accuracy" && r.metric != "perplexity")
    throw Error(where + ": field 'metric': expected \"accuracy\" or \"perplexity\", got \"" + r.metric + "\"");
  r.model = j.value("model", Json::object());
  r.settings = j.value("settings", Json::object());
  if (!j.contains("average")) throw Error(where + ": missing required field 'average'");
  r.average = groupFromJson(j["average"], where + " (average)");
  for (const auto& c : j.value("categories", Json::array())) r.categories.push_back(groupFromJson(c, where + " (categories)"));
  for (const auto& s : j.value("subjects", Json::array())) r.subjects.push_back(groupFromJson(s, where + " (subjects)"));
  r.secondary = j.value("secondary", Json::object());
  r.items = j.value("items", Json::array());
  r.seconds = optionalField<double>(j, "seconds", 0.0, where);
  r.itemsDone = optionalField<long>(j, "items_done", 0, where);
  r.cancelled = optionalField<bool>(j, "cancelled", false, where);
  r.created = optionalField<std::string>(j, "created", "", where);
  return r;
}

std::string EvalReport::markdown() const {
  const std::string metricName = metric == "perplexity" ? "Perplexity" : "Accuracy (%)";
  const std::string unit = metric == "perplexity" ? "Tokens" : "N";
  std::string out = "### " + task + (title.empty() || title == task ? "" : " (" + title + ")") + " — " + modelName();
  if (settings.contains("shots")) out += ", " + settings["shots"].dump() + "-shot";
  if (settings.contains("scoring")) out += ", " + settings["scoring"].get<std::string>() + " scoring";
  out += cancelled ? " — cancelled, partial\n\n" : "\n\n";
  out += "| Subject | Category | " + unit + " | " + metricName + " |\n| --- | --- | ---: | ---: |\n";
  for (const auto& s : subjects) {
    const std::string name = s.name == s.key ? s.key : s.name + " (" + s.key + ")";
    out += "| " + escapeCell(name) + " | " + escapeCell(joined(s.categories)) + " | " + std::to_string(s.count) +
           " | " + formatScore(metric, s.score) + " |\n";
  }
  out += "| **Average** | | " + std::to_string(average.count) + " | **" + formatScore(metric, average.score) + "** |\n";
  if (!categories.empty()) {
    out += "\n| Category | Subjects | " + unit + " | " + metricName + " | Mean of subjects |\n" +
           "| --- | ---: | ---: | ---: | ---: |\n";
    for (const auto& c : categories)
      out += "| " + escapeCell(c.name) + " | " + std::to_string(c.subjects) + " | " + std::to_string(c.count) + " | " +
             formatScore(metric, c.score) + " | " + formatScore(metric, c.subjectAverage) + " |\n";
    out += "| **All** | " + std::to_string(average.subjects) + " | " + std::to_string(average.count) + " | " +
           formatScore(metric, average.score) + " | " + formatScore(metric, average.subjectAverage) + " |\n";
  }
  // Secondary metrics: {"name": {"average": x, "percent": true, "subjects": {...}}}.
  std::string extra;
  for (const auto& [name, value] : secondary.items()) {
    if (!value.is_object() || !value.contains("average") || !value["average"].is_number()) continue;
    const bool percent = value.value("percent", false);
    char buf[32];
    std::snprintf(buf, sizeof buf, percent ? "%.1f%%" : "%.4f", (percent ? 100.0 : 1.0) * value["average"].get<double>());
    extra += "- " + name + ": " + buf + "\n";
  }
  if (!extra.empty()) out += "\n" + extra;
  return out;
}

EvalReport readReport(const std::string& path) { return EvalReport::fromJson(readJsonFile(path), path); }

void writeReport(const std::string& path, const EvalReport& report) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  writeJsonFileAtomic(path, report.toJson());
}

}  // namespace mindllm::eval
