#pragma once
// Multiple-choice prompts in each benchmark's own style. A prompt is split into the parts the
// scorer caches separately: the header (instruction + k solved dev questions), shared by every
// question of a subject, and the question block, which ends with the answer cue ("答案：").
//
//   C-Eval: 以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。\n\n{q}\nA. ..\n答案：A\n\n
//   CMMLU:  以下是关于{subject}的单项选择题，请直接给出正确答案的选项。\n\n题目：{q}\nA. ..\n答案是：A\n\n
//   MMLU:   The following are multiple choice questions (with answers) about {subject}.\n\n{q}\nA. ..\nAnswer: A\n\n
//
// Option scoring uses the cloze form instead: the question without the lettered list, and the
// answer cue followed by the option text itself (shots show the correct option's text).
#include <string>
#include <vector>

#include "training/eval/choice_question.h"

namespace mindllm::eval {

struct ChoicePromptStyle {
  std::string instruction;     // "{subject}" is replaced by the subject's display name
  std::string questionPrefix;  // "题目：" for CMMLU, empty otherwise
  std::string answerCue;       // "答案：", "答案是：", "Answer:"
  std::string answerSpace;     // put between the cue and the answer: "" in Chinese, " " in English

  static ChoicePromptStyle ceval();
  static ChoicePromptStyle cmmlu();
  static ChoicePromptStyle mmlu();
  // The domain sets: Chinese or English defaults, instruction overridable by the task file.
  static ChoicePromptStyle generic(const std::string& language);
};

enum class PromptForm {
  Lettered,  // options listed as A. B. C. D., the answer is a letter
  Cloze,     // options not listed, the answer is the option text
};

// Instruction plus the first `shots` dev questions, each solved. Ends with "\n\n".
std::string renderHeader(const ChoicePromptStyle& style, const std::string& subjectName,
                         const std::vector<ChoiceQuestion>& dev, int shots, PromptForm form);
// The question to answer, ending with the answer cue (no trailing space).
std::string renderQuestion(const ChoicePromptStyle& style, const ChoiceQuestion& q, PromptForm form);
// What follows the cue for option `index`: the letter or the option text, with the style's space.
std::string renderAnswer(const ChoicePromptStyle& style, const ChoiceQuestion& q, int index, PromptForm form);

}  // namespace mindllm::eval
