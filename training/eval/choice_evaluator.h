#pragma once
// Scores the questions of one multiple-choice subject:
//   letters: log P(letter | header + lettered question), read from one next-token distribution per
//            question; questions are batched, all continuing the subject's cached k-shot header.
//   options: log P(option text | header + cloze question) for each option, all options branching
//            from the question's cached KV (prefilled once), then compared raw and per character.
// When a prompt would not fit the model's window, that question gets fewer shots (and, with none
// left, its question text is cut from the left); the count used is recorded per question.
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "core/io/model_folder.h"
#include "training/eval/choice_prompt.h"

namespace mindllm::eval {

struct ChoiceScoringOptions {
  int shots = 5;
  int batchSize = 8;        // questions per forward pass (letter scoring)
  bool letters = true;
  bool options = false;
  bool reusePrefix = true;  // false: every row recomputes its whole prompt (the benchmark's baseline)
};

struct ChoiceScores {
  std::vector<double> letterLogProbs;  // per option; empty when letters were not scored
  std::vector<double> optionLogProbs;  // per option (sum over its tokens); empty when not scored
  std::vector<int> optionChars;        // option length in characters, for the normalised score
  int shots = 0;                       // shots in this question's prompt
  int truncatedTokens = 0;             // question tokens dropped to fit the window
  std::vector<TokenId> promptIds;      // the lettered prompt as scored (header + question)

  int letterPrediction() const;      // argmax (first on ties); -1 when not scored
  int optionPrediction() const;      // argmax of the raw sum
  int normalisedPrediction() const;  // argmax of the sum per character
};

class ChoiceEvaluator {
public:
  ChoiceEvaluator(std::shared_ptr<LoadedModel> model, ChoicePromptStyle style, ChoiceScoringOptions options);

  // Scores `questions` of `subject` (k-shot examples from subject.dev). `onBatch(n)` reports n more
  // questions done; when *cancel turns true, scoring stops and the scores so far are returned.
  std::vector<ChoiceScores> score(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                                  const std::function<void(int)>& onBatch = {},
                                  const std::atomic<bool>* cancel = nullptr);

private:
  struct Prepared;
  void scoreLetters(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                    std::vector<ChoiceScores>& out, const std::function<void(int)>& onBatch,
                    const std::atomic<bool>* cancel);
  void scoreOptions(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                    std::vector<ChoiceScores>& out, const std::function<void(int)>& onBatch,
                    const std::atomic<bool>* cancel);
  std::vector<Prepared> prepare(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                                PromptForm form);

  std::shared_ptr<LoadedModel> model_;
  ChoicePromptStyle style_;
  ChoiceScoringOptions options_;
};

}  // namespace mindllm::eval
