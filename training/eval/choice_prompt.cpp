#include "training/eval/choice_prompt.h"

namespace mindllm::eval {

ChoicePromptStyle ChoicePromptStyle::ceval() {
  return {"以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。", "", "答案：", ""};
}

ChoicePromptStyle ChoicePromptStyle::cmmlu() {
  return {"以下是关于{subject}的单项选择题，请直接给出正确答案的选项。", "题目：", "答案是：", ""};
}

ChoicePromptStyle ChoicePromptStyle::mmlu() {
  return {"The following are multiple choice questions (with answers) about {subject}.", "", "Answer:", " "};
}

ChoicePromptStyle ChoicePromptStyle::generic(const std::string& language) {
  if (language == "en")
    return {"The following are multiple choice questions (with answers) about {subject}.", "", "Answer:", " "};
  return {"以下是关于{subject}的单项选择题，请选出其中的正确答案。", "", "答案：", ""};
}

namespace {

std::string replaceAll(std::string text, const std::string& what, const std::string& with) {
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + with.size()))
    text.replace(pos, what.size(), with);
  return text;
}

}  // namespace

std::string renderHeader(const ChoicePromptStyle& style, const std::string& subjectName,
                         const std::vector<ChoiceQuestion>& dev, int shots, PromptForm form) {
  std::string out = replaceAll(style.instruction, "{subject}", subjectName) + "\n\n";
  const int n = std::min<int>(shots, static_cast<int>(dev.size()));
  for (int i = 0; i < n; ++i) {
    const auto& q = dev[static_cast<size_t>(i)];
    out += renderQuestion(style, q, form) + renderAnswer(style, q, q.answer, form) + "\n\n";
  }
  return out;
}

std::string renderQuestion(const ChoicePromptStyle& style, const ChoiceQuestion& q, PromptForm form) {
  std::string out = style.questionPrefix + q.question + "\n";
  if (form == PromptForm::Lettered)
    for (size_t i = 0; i < q.options.size(); ++i) out += optionLetter(static_cast<int>(i)) + ". " + q.options[i] + "\n";
  return out + style.answerCue;
}

std::string renderAnswer(const ChoicePromptStyle& style, const ChoiceQuestion& q, int index, PromptForm form) {
  if (index < 0 || index >= static_cast<int>(q.options.size())) return style.answerSpace;
  return style.answerSpace +
         (form == PromptForm::Lettered ? optionLetter(index) : q.options[static_cast<size_t>(index)]);
}

}  // namespace mindllm::eval
