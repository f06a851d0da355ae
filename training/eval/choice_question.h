#pragma once
// Multiple-choice data as every benchmark reader produces it: subjects holding the evaluated
// questions and the dev questions the k-shot prompts are built from.
#include <string>
#include <vector>

namespace mindllm::eval {

struct ChoiceQuestion {
  std::string id;
  std::string question;
  std::vector<std::string> options;  // shown as A, B, C, ...
  int answer = -1;                   // index into options; -1 when the split has no answers (C-Eval test)
  std::string explanation;
  std::string file;                  // where the row came from, for messages
  long line = 0;
};

struct ChoiceSubject {
  std::string key;                      // file name stem, e.g. "computer_network"
  std::string name;                     // display name in the prompt language, e.g. "计算机网络"
  std::vector<std::string> categories;  // e.g. {"STEM"}; CMMLU adds "China specific"
  std::vector<ChoiceQuestion> dev;      // k-shot examples, in file order
  std::vector<ChoiceQuestion> questions;
};

// The letter of option `index` (0 -> "A").
std::string optionLetter(int index);
// "B" -> 1 for a question with `optionCount` options; -1 when `text` is not such a letter.
int parseOptionLetter(const std::string& text, int optionCount);

}  // namespace mindllm::eval
