#include "training/eval/choice_question.h"

namespace mindllm::eval {

std::string optionLetter(int index) { return std::string(1, static_cast<char>('A' + index)); }

int parseOptionLetter(const std::string& text, int optionCount) {
  size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
  if (b == std::string::npos || b != e) return -1;
  char c = text[b];
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const int index = c - 'A';
  return index >= 0 && index < optionCount ? index : -1;
}

}  // namespace mindllm::eval
