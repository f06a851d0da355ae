#include "training/eval/domain_sets.h"

#include <algorithm>
#include <filesystem>

#include "core/util/error.h"
#include "core/util/json_file.h"
#include "training/eval/jsonl_rows.h"

namespace fs = std::filesystem;

namespace mindllm::eval {
namespace {

constexpr int kMaxOptions = 26;

std::string subjectOf(const Json& row, const std::string& where) {
  return optionalField<std::string>(row, "subject", "general", where);
}

ChoiceQuestion choiceFromRow(const Json& row, const std::string& where, const std::string& file, long line,
                             size_t index) {
  ChoiceQuestion q;
  q.id = idField(row, "id", std::to_string(index));
  q.question = requireField<std::string>(row, "question", where);
  if (q.question.empty()) throw Error(where + ": field 'question' is empty");
  auto options = row.find("options");
  if (options == row.end() || !options->is_array())
    throw Error(where + ": field 'options' must be an array of strings");
  for (const auto& o : *options) {
    if (!o.is_string()) throw Error(where + ": field 'options' must be an array of strings");
    q.options.push_back(o.get<std::string>());
  }
  if (q.options.size() < 2 || q.options.size() > kMaxOptions)
    throw Error(where + ": field 'options' must hold 2 to 26 options, got " + std::to_string(q.options.size()));
  const std::string answer = requireField<std::string>(row, "answer", where);
  q.answer = parseOptionLetter(answer, static_cast<int>(q.options.size()));
  if (q.answer < 0)
    throw Error(where + ": field 'answer': expected a letter A to " +
                optionLetter(static_cast<int>(q.options.size()) - 1) + ", got '" + answer + "'");
  q.explanation = optionalField<std::string>(row, "explanation", "", where);
  q.file = file;
  q.line = line;
  return q;
}

ChoiceSubject& subjectEntry(std::vector<ChoiceSubject>& subjects, const DomainTask& task, const std::string& key) {
  for (auto& s : subjects)
    if (s.key == key) return s;
  ChoiceSubject s;
  s.key = key;
  auto it = task.subjects.find(key);
  s.name = it != task.subjects.end() && !it->second.first.empty() ? it->second.first : key;
  s.categories = {it != task.subjects.end() && !it->second.second.empty() ? it->second.second : task.name};
  subjects.push_back(std::move(s));
  return subjects.back();
}

}  // namespace

std::string DomainTask::splitFile(const std::string& split) const { return (fs::path(dir) / (split + ".jsonl")).string(); }

DomainTask readDomainTask(const std::string& path) {
  DomainTask task;
  if (fs::is_regular_file(path)) {
    task.type = "choice";
    task.name = fs::path(path).stem().string();
    task.language = "zh";
  } else {
    const std::string file = (fs::path(path) / "task.json").string();
    if (!fs::is_regular_file(file)) throw fileError(path, "not a .jsonl file nor a folder with task.json");
    const Json j = readJsonFile(file);
    task.dir = path;
    task.type = requireField<std::string>(j, "type", file);
    if (task.type != "choice" && task.type != "classification")
      throw Error(file + ": field 'type': expected \"choice\" or \"classification\", got \"" + task.type + "\"");
    task.name = optionalField<std::string>(j, "name", fs::path(path).filename().string(), file);
    task.language = optionalField<std::string>(j, "language", "zh", file);
    if (task.language != "zh" && task.language != "en")
      throw Error(file + ": field 'language': expected \"zh\" or \"en\", got \"" + task.language + "\"");
    task.instruction = optionalField<std::string>(j, "instruction", "", file);
    if (auto s = j.find("subjects"); s != j.end() && s->is_object())
      for (const auto& [key, v] : s->items())
        task.subjects[key] = {optionalField<std::string>(v, "name", key, file + " subjects." + key),
                              optionalField<std::string>(v, "category", "", file + " subjects." + key)};
    if (task.type == "classification") {
      auto labels = j.find("labels");
      if (labels == j.end() || !labels->is_array() || labels->size() < 2)
        throw Error(file + ": field 'labels' must list at least two labels");
      for (const auto& l : *labels) {
        if (!l.is_string() || l.get<std::string>().empty()) throw Error(file + ": field 'labels' must hold non-empty strings");
        if (std::find(task.labels.begin(), task.labels.end(), l.get<std::string>()) != task.labels.end())
          throw Error(file + ": field 'labels': '" + l.get<std::string>() + "' is listed twice");
        task.labels.push_back(l.get<std::string>());
      }
    }
    const bool en = task.language == "en";
    task.inputName = optionalField<std::string>(j, "input_name", en ? "Text" : "文本", file);
    task.outputName = optionalField<std::string>(j, "output_name", en ? "Label" : "类别", file);
  }
  return task;
}

std::vector<ChoiceSubject> readDomainChoice(const DomainTask& task, const std::string& file, const std::string& devFile) {
  std::vector<ChoiceSubject> subjects;
  size_t index = 0;
  forEachJsonLine(file, [&](const Json& row, const std::string& where, long line) {
    subjectEntry(subjects, task, subjectOf(row, where)).questions.push_back(choiceFromRow(row, where, file, line, index++));
  });
  if (!devFile.empty() && fs::is_regular_file(devFile)) {
    index = 0;
    forEachJsonLine(devFile, [&](const Json& row, const std::string& where, long line) {
      auto q = choiceFromRow(row, where, devFile, line, index++);
      for (auto& s : subjects)
        if (s.key == subjectOf(row, where)) s.dev.push_back(std::move(q));
    });
  }
  return subjects;
}

std::vector<LabeledText> readDomainClassification(const DomainTask& task, const std::string& file) {
  std::vector<LabeledText> out;
  forEachJsonLine(file, [&](const Json& row, const std::string& where, long line) {
    LabeledText t;
    t.id = idField(row, "id", std::to_string(out.size()));
    t.subject = subjectOf(row, where);
    t.text = requireField<std::string>(row, "text", where);
    if (t.text.empty()) throw Error(where + ": field 'text' is empty");
    const std::string label = requireField<std::string>(row, "label", where);
    auto it = std::find(task.labels.begin(), task.labels.end(), label);
    if (it == task.labels.end()) throw Error(where + ": field 'label': '" + label + "' is not in the task's label set");
    t.label = static_cast<int>(it - task.labels.begin());
    t.file = file;
    t.line = line;
    out.push_back(std::move(t));
  });
  return out;
}

}  // namespace mindllm::eval
