#include "training/eval/math_word_problems.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/util/error.h"
#include "core/util/json_file.h"
#include "training/eval/jsonl_rows.h"

namespace mindllm::eval {
namespace {

std::string removeCommas(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  return s;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// GSM8K marks calculator calls as "<<48/2=24>>"; the model should see the plain text.
std::string removeCalculatorAnnotations(const std::string& text) {
  static const std::regex annotation("<<[^>]*>>");
  return std::regex_replace(text, annotation, "");
}

}  // namespace

std::vector<MathProblem> readGsm8k(const std::string& path) {
  std::vector<MathProblem> out;
  forEachJsonLine(path, [&](const Json& row, const std::string& where, long line) {
    MathProblem p;
    p.id = idField(row, "id", std::to_string(out.size()));
    p.question = trim(requireField<std::string>(row, "question", where));
    if (p.question.empty()) throw Error(where + ": field 'question' is empty");
    const std::string answer = requireField<std::string>(row, "answer", where);
    const size_t mark = answer.rfind("####");
    if (mark == std::string::npos) throw Error(where + ": field 'answer' has no '#### <number>' line");
    p.answer = removeCommas(trim(answer.substr(mark + 4)));
    if (!lastNumber(p.answer))
      throw Error(where + ": field 'answer': '" + trim(answer.substr(mark + 4)) + "' after '####' is not a number");
    p.solution = trim(removeCalculatorAnnotations(answer.substr(0, mark)));
    p.file = path;
    p.line = line;
    out.push_back(std::move(p));
  });
  return out;
}

std::optional<double> lastNumber(const std::string& text) {
  static const std::regex number("-?[0-9][0-9,]*(\\.[0-9]+)?");
  std::optional<double> last;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
    const std::string digits = removeCommas(it->str());
    if (digits.empty() || digits == "-") continue;
    last = std::stod(digits);
  }
  return last;
}

bool sameNumber(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

std::vector<MathProblem> chainOfThoughtExemplars() {
  auto p = [](const char* q, const char* s, const char* a) { return MathProblem{"", q, s, a, "", 0}; };
  return {
      p("There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, "
        "there will be 21 trees. How many trees did the grove workers plant today?",
        "There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have "
        "been 21 - 15 = 6.",
        "6"),
      p("If there are 3 cars in the parking lot and 2 more cars arrive, how many cars are in the parking lot?",
        "There are originally 3 cars. 2 more cars arrive. 3 + 2 = 5.", "5"),
      p("Leah had 32 chocolates and her sister had 42. If they ate 35, how many pieces do they have left in total?",
        "Originally, Leah had 32 chocolates. Her sister had 42. So in total they had 32 + 42 = 74. After eating 35, "
        "they had 74 - 35 = 39.",
        "39"),
      p("Jason had 20 lollipops. He gave Denny some lollipops. Now Jason has 12 lollipops. How many lollipops did "
        "Jason give to Denny?",
        "Jason started with 20 lollipops. Then he had 12 after giving some to Denny. So he gave Denny 20 - 12 = 8.",
        "8"),
      p("Shawn has five toys. For Christmas, he got two toys each from his mom and dad. How many toys does he have "
        "now?",
        "Shawn started with 5 toys. If he got 2 toys each from his mom and dad, then that is 4 more toys. 5 + 4 = 9.",
        "9"),
      p("There were nine computers in the server room. Five more computers were installed each day, from monday to "
        "thursday. How many computers are now in the server room?",
        "There were originally 9 computers. For each of 4 days, 5 more computers were added. So 5 * 4 = 20 "
        "computers were added. 9 + 20 is 29.",
        "29"),
      p("Michael had 58 golf balls. On tuesday, he lost 23 golf balls. On wednesday, he lost 2 more. How many golf "
        "balls did he have at the end of wednesday?",
        "Michael started with 58 golf balls. After losing 23 on tuesday, he had 58 - 23 = 35. After losing 2 more, "
        "he had 35 - 2 = 33 golf balls.",
        "33"),
      p("Olivia has $23. She bought five bagels for $3 each. How much money does she have left?",
        "Olivia had 23 dollars. 5 bagels for 3 dollars each will be 5 x 3 = 15 dollars. So she has 23 - 15 dollars "
        "left. 23 - 15 is 8.",
        "8"),
  };
}

std::string renderMathShots(const std::vector<MathProblem>& shots, const std::string& language) {
  std::string out;
  for (const auto& s : shots) {
    out += renderMathQuestion(s, language);
    out += language == "zh" ? s.solution + " 答案是" + s.answer + "。\n\n"
                            : " " + s.solution + " The answer is " + s.answer + ".\n\n";
  }
  return out;
}

std::string renderMathQuestion(const MathProblem& p, const std::string& language) {
  return language == "zh" ? "问题：" + p.question + "\n解答：" : "Question: " + p.question + "\nAnswer:";
}

std::vector<std::string> mathStopStrings(const std::string& language) {
  return {"\n\n", language == "zh" ? "问题：" : "Question:"};
}

}  // namespace mindllm::eval
