#pragma once
// Readers for the published multiple-choice benchmark folders, in the layouts they are downloaded in:
//   C-Eval: {dev,val,test}/{subject}_{split}.csv, header id,question,A,B,C,D,answer[,explanation]
//           (the test split has no answer column)
//   CMMLU:  {dev,test}/{subject}.csv, header ,Question,A,B,C,D,Answer (first column is a row index)
//   MMLU:   {dev,val,test}/{subject}_{split}.csv, no header: question,A,B,C,D,answer
// Each subject gets its dev questions (for k-shot prompts) when the dev file exists. Bad rows throw
// Error "file:line: ..." naming the field.
#include <string>
#include <vector>

#include "training/eval/choice_question.h"

namespace mindllm::eval {

std::vector<ChoiceSubject> readCEval(const std::string& root, const std::string& split);
std::vector<ChoiceSubject> readCmmlu(const std::string& root, const std::string& split);
std::vector<ChoiceSubject> readMmlu(const std::string& root, const std::string& split);

// One CSV file. With a header, columns are found by name (case-insensitive): question, A..D,
// answer, and optionally id and explanation. Without one (MMLU), rows are question,A,B,C,D,answer.
// `requireAnswer` makes a missing or empty answer an error.
std::vector<ChoiceQuestion> readChoiceCsv(const std::string& path, bool hasHeader, bool requireAnswer);

}  // namespace mindllm::eval
