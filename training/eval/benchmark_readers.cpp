#include "training/eval/benchmark_readers.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/util/error.h"
#include "training/eval/csv_table.h"
#include "training/eval/subject_catalog.h"

namespace fs = std::filesystem;

namespace mindllm::eval {
namespace {

constexpr int kOptions = 4;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Column positions of the fields this harness reads; -1 = absent.
struct Columns {
  int id = -1, question = -1, answer = -1, explanation = -1;
  int options[kOptions] = {-1, -1, -1, -1};
  size_t count = 0;
};

Columns columnsFromHeader(const CsvRecord& header, const std::string& path) {
  Columns c;
  c.count = header.fields.size();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = lower(trim(header.fields[i]));
    const int col = static_cast<int>(i);
    if (name == "id") c.id = col;
    else if (name == "question") c.question = col;
    else if (name == "answer") c.answer = col;
    else if (name == "explanation") c.explanation = col;
    else if (name.size() == 1 && name[0] >= 'a' && name[0] < 'a' + kOptions) c.options[name[0] - 'a'] = col;
  }
  if (c.question < 0) throw fileError(path, header.line, "header has no 'question' column");
  for (int k = 0; k < kOptions; ++k)
    if (c.options[k] < 0) throw fileError(path, header.line, "header has no '" + optionLetter(k) + "' column");
  return c;
}

Columns mmluColumns() {
  Columns c;
  c.question = 0;
  for (int k = 0; k < kOptions; ++k) c.options[k] = k + 1;
  c.answer = 5;
  c.count = 6;
  return c;
}

ChoiceQuestion questionFromRecord(const CsvRecord& r, const Columns& c, const std::string& path, bool requireAnswer,
                                  size_t index) {
  if (r.fields.size() != c.count)
    throw fileError(path, r.line, "expected " + std::to_string(c.count) + " fields, got " +
                                      std::to_string(r.fields.size()));
  ChoiceQuestion q;
  q.file = path;
  q.line = r.line;
  q.id = c.id >= 0 ? trim(r.fields[static_cast<size_t>(c.id)]) : std::to_string(index);
  q.question = trim(r.fields[static_cast<size_t>(c.question)]);
  if (q.question.empty()) throw fileError(path, r.line, "field 'question' is empty");
  for (int k = 0; k < kOptions; ++k) q.options.push_back(trim(r.fields[static_cast<size_t>(c.options[k])]));
  if (c.explanation >= 0) q.explanation = trim(r.fields[static_cast<size_t>(c.explanation)]);
  const std::string answer = c.answer >= 0 ? trim(r.fields[static_cast<size_t>(c.answer)]) : "";
  if (answer.empty()) {
    if (requireAnswer) throw fileError(path, r.line, "field 'answer' is missing");
    return q;
  }
  q.answer = parseOptionLetter(answer, kOptions);
  if (q.answer < 0) throw fileError(path, r.line, "field 'answer': expected one of A, B, C, D, got '" + answer + "'");
  return q;
}

// The files of one split folder with their subject keys, sorted by key.
std::vector<std::pair<std::string, std::string>> splitFiles(const std::string& root, const std::string& split,
                                                            const std::string& suffix, const std::string& layout) {
  const fs::path dir = fs::path(root) / split;
  if (!fs::is_directory(dir))
    throw fileError(root, "no '" + split + "' folder (expected the " + layout + " layout)");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    files.emplace_back(name.substr(0, name.size() - suffix.size()), entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw fileError(dir.string(), "no '*" + suffix + "' files (expected the " + layout + " layout)");
  return files;
}

template <typename Info>
std::vector<ChoiceSubject> readBenchmark(const std::string& root, const std::string& split, bool perSplitSuffix,
                                         bool hasHeader, bool answered, const std::string& layout, Info info) {
  const std::string suffix = perSplitSuffix ? "_" + split + ".csv" : ".csv";
  std::vector<ChoiceSubject> subjects;
  for (const auto& [key, path] : splitFiles(root, split, suffix, layout)) {
    const SubjectInfo si = info(key);
    ChoiceSubject s{key, si.name, si.categories, {}, {}};
    s.questions = readChoiceCsv(path, hasHeader, answered);
    const fs::path dev = fs::path(root) / "dev" / (perSplitSuffix ? key + "_dev.csv" : key + ".csv");
    if (split != "dev" && fs::is_regular_file(dev)) s.dev = readChoiceCsv(dev.string(), hasHeader, true);
    subjects.push_back(std::move(s));
  }
  return subjects;
}

}  // namespace

std::vector<ChoiceQuestion> readChoiceCsv(const std::string& path, bool hasHeader, bool requireAnswer) {
  const auto records = readCsvFile(path);
  std::vector<ChoiceQuestion> out;
  if (records.empty()) return out;
  const Columns columns = hasHeader ? columnsFromHeader(records.front(), path) : mmluColumns();
  for (size_t i = hasHeader ? 1 : 0; i < records.size(); ++i)
    out.push_back(questionFromRecord(records[i], columns, path, requireAnswer, out.size()));
  return out;
}

std::vector<ChoiceSubject> readCEval(const std::string& root, const std::string& split) {
  // C-Eval keeps the test answers private: its test split is scored as predictions only.
  return readBenchmark(root, split, true, true, split != "test", "C-Eval", cevalSubject);
}

std::vector<ChoiceSubject> readCmmlu(const std::string& root, const std::string& split) {
  return readBenchmark(root, split, false, true, true, "CMMLU", cmmluSubject);
}

std::vector<ChoiceSubject> readMmlu(const std::string& root, const std::string& split) {
  return readBenchmark(root, split, true, false, true, "MMLU", mmluSubject);
}

}  // namespace mindllm::eval
