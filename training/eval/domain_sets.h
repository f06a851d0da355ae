#pragma once
// The generic formats the law and finance packs ship their evaluation sets in (docs/EVALUATION.md):
// a folder with task.json, test.jsonl and optionally dev.jsonl (k-shot examples).
//
//   task.json   {"type": "choice" | "classification", "name": "...", "language": "zh" | "en",
//                "instruction": "以下是关于{subject}的单项选择题，请选出其中的正确答案。",
//                "subjects": {"contract_law": {"name": "合同法", "category": "民商法"}},
//                "labels": ["利好", "利空", "中性"],            (classification)
//                "input_name": "新闻", "output_name": "情绪"}    (classification prompt fields)
//   choice      {"id": "q1", "subject": "contract_law", "question": "...", "options": ["...", "..."],
//                "answer": "B", "explanation": "..."}
//   classify    {"id": "n1", "subject": "stocks", "text": "...", "label": "利好"}
//
// A bare .jsonl file of choice rows also works (Chinese prompt, no shots unless a dev file is given).
#include <map>
#include <string>
#include <vector>

#include "training/eval/choice_question.h"

namespace mindllm::eval {

struct DomainTask {
  std::string dir;       // the task folder ("" for a bare .jsonl file)
  std::string name;
  std::string type;      // "choice" or "classification"
  std::string language;  // "zh" or "en"
  std::string instruction;                      // empty: the language's default
  std::map<std::string, std::pair<std::string, std::string>> subjects;  // key -> (name, category)
  std::vector<std::string> labels;              // classification label set, in report order
  std::string inputName, outputName;            // "文本"/"类别" or "Text"/"Label" by default

  // The file of a split: "{dir}/{split}.jsonl".
  std::string splitFile(const std::string& split) const;
};

// `path` is a task folder (with task.json) or a .jsonl file of choice rows.
DomainTask readDomainTask(const std::string& path);

// Choice rows grouped by subject (file order kept), with dev rows of the same subject for shots.
std::vector<ChoiceSubject> readDomainChoice(const DomainTask& task, const std::string& file, const std::string& devFile);

struct LabeledText {
  std::string id, subject, text;
  int label = -1;  // index into DomainTask::labels
  std::string file;
  long line = 0;
};
std::vector<LabeledText> readDomainClassification(const DomainTask& task, const std::string& file);

}  // namespace mindllm::eval
