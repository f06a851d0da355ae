#pragma once
// GSM8K-style math word problems: the JSONL format ({"question", "answer"} with the reference after
// "#### "), answer extraction (the last number of a generation), and the chain-of-thought few-shot
// prompt: each shot shows the worked solution and ends with "The answer is N." so the model
// learns to finish the same way.
#include <optional>
#include <string>
#include <vector>

namespace mindllm::eval {

struct MathProblem {
  std::string id;
  std::string question;
  std::string solution;  // the worked steps, calculator annotations <<...>> removed, no "####" line
  std::string answer;    // the reference as written after "####", commas removed ("72", "-3.5")
  std::string file;
  long line = 0;
};

// Reads GSM8K JSONL. A row without "#### number" in its answer throws Error "file:line: ...".
std::vector<MathProblem> readGsm8k(const std::string& path);

// The last number in `text`: "1,234.50" -> 1234.5, "-7" -> -7, "$18." -> 18; nullopt when none.
std::optional<double> lastNumber(const std::string& text);
// Numbers compared after rounding away float noise, so "18.00" matches "18".
bool sameNumber(double a, double b);

// The eight exemplars of the chain-of-thought paper (Wei et al. 2022), used when no train file is given.
std::vector<MathProblem> chainOfThoughtExemplars();

// "Question: ...\nAnswer: <steps> The answer is N.\n\n" per shot (Chinese: 问题：/解答：/答案是N。).
std::string renderMathShots(const std::vector<MathProblem>& shots, const std::string& language);
// "Question: ...\nAnswer:" — the model continues with its steps.
std::string renderMathQuestion(const MathProblem& p, const std::string& language);
// Where a generated answer ends: the blank line before the next "Question:".
std::vector<std::string> mathStopStrings(const std::string& language);

}  // namespace mindllm::eval
