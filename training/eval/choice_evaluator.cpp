#include "training/eval/choice_evaluator.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/util/error.h"
#include "core/util/utf8.h"
#include "training/eval/loglikelihood.h"
#include "training/eval/prefix_cache.h"
#include "training/eval/segment_encoding.h"

namespace mindllm::eval {
namespace {

int argmax(const std::vector<double>& v) {
  if (v.empty()) return -1;
  return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
}

std::vector<TokenId> concat(const std::vector<TokenId>& a, const std::vector<TokenId>& b) {
  std::vector<TokenId> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

int ChoiceScores::letterPrediction() const { return argmax(letterLogProbs); }
int ChoiceScores::optionPrediction() const { return argmax(optionLogProbs); }
int ChoiceScores::normalisedPrediction() const {
  std::vector<double> perChar(optionLogProbs.size());
  for (size_t i = 0; i < perChar.size(); ++i) perChar[i] = optionLogProbs[i] / std::max(1, optionChars[i]);
  return argmax(perChar);
}

// One question made ready for scoring: its ids, its answers' ids and the header it fits with.
struct ChoiceEvaluator::Prepared {
  std::vector<TokenId> header;
  std::vector<TokenId> question;
  std::vector<std::vector<TokenId>> answers;
  int shots = 0;
  int truncated = 0;
};

ChoiceEvaluator::ChoiceEvaluator(std::shared_ptr<LoadedModel> model, ChoicePromptStyle style,
                                 ChoiceScoringOptions options)
    : model_(std::move(model)), style_(std::move(style)), options_(options) {}

std::vector<ChoiceEvaluator::Prepared> ChoiceEvaluator::prepare(const ChoiceSubject& subject,
                                                                const std::vector<ChoiceQuestion>& questions,
                                                                PromptForm form) {
  const auto& tok = model_->tokenizer();
  const int64_t window = model_->config().maxPositions;
  const int maxShots = std::min<int>(options_.shots, static_cast<int>(subject.dev.size()));
  std::vector<std::optional<std::vector<TokenId>>> headers(static_cast<size_t>(maxShots) + 1);
  auto header = [&](int k) -> const std::vector<TokenId>& {
    auto& h = headers[static_cast<size_t>(k)];
    if (!h) h = tok.encode(renderHeader(style_, subject.name, subject.dev, k, form));
    return *h;
  };
  std::vector<Prepared> out;
  for (const auto& q : questions) {
    Prepared p;
    // Every question follows a header that ends with a blank line; every answer follows the cue.
    p.question = encodeAfter(tok, "\n\n", renderQuestion(style_, q, form));
    size_t longest = 0;
    for (int i = 0; i < static_cast<int>(q.options.size()); ++i) {
      p.answers.push_back(encodeAfter(tok, style_.answerCue, renderAnswer(style_, q, i, form)));
      if (p.answers.back().empty())
        throw fileError(q.file, q.line, "option " + optionLetter(i) + " is empty: option scoring needs its text");
      longest = std::max(longest, p.answers.back().size());
    }
    auto fits = [&](int k) {
      return static_cast<int64_t>(header(k).size() + p.question.size() + longest) - 1 <= window;
    };
    p.shots = maxShots;
    while (p.shots > 0 && !fits(p.shots)) --p.shots;
    if (!fits(p.shots)) {
      const int64_t room = window - static_cast<int64_t>(header(0).size() + longest) + 1;
      if (room < 1)
        throw fileError(q.file, q.line, "the instruction and the longest answer alone exceed the model's window of " +
                                            std::to_string(window) + " tokens");
      p.truncated = static_cast<int>(p.question.size()) - static_cast<int>(room);
      p.question.erase(p.question.begin(), p.question.begin() + p.truncated);
    }
    p.header = header(p.shots);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ChoiceScores> ChoiceEvaluator::score(const ChoiceSubject& subject,
                                                 const std::vector<ChoiceQuestion>& questions,
                                                 const std::function<void(int)>& onBatch,
                                                 const std::atomic<bool>* cancel) {
  torch::NoGradGuard noGrad;
  model_->model()->eval();
  std::vector<ChoiceScores> out(questions.size());
  for (size_t i = 0; i < questions.size(); ++i) out[i].optionChars.resize(questions[i].options.size());
  if (options_.letters) scoreLetters(subject, questions, out, onBatch, cancel);
  if (options_.options) scoreOptions(subject, questions, out, onBatch, cancel);
  return out;
}

void ChoiceEvaluator::scoreLetters(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                                   std::vector<ChoiceScores>& out, const std::function<void(int)>& onBatch,
                                   const std::atomic<bool>* cancel) {
  auto& model = *model_->model();
  const auto prepared = prepare(subject, questions, PromptForm::Lettered);
  // Questions sharing a header (the same number of shots) share one cached prefix.
  std::map<int, std::vector<size_t>, std::greater<>> byShots;
  for (size_t i = 0; i < prepared.size(); ++i) byShots[prepared[i].shots].push_back(i);
  const size_t batch = static_cast<size_t>(std::max(1, options_.batchSize));
  for (const auto& [shots, members] : byShots) {
    const auto& header = prepared[members.front()].header;
    const PrefixCache prefix(model, options_.reusePrefix ? header : std::vector<TokenId>{});
    for (size_t start = 0; start < members.size(); start += batch) {
      if (cancel && cancel->load()) return;
      const size_t end = std::min(members.size(), start + batch);
      std::vector<std::vector<TokenId>> rows;
      bool singleTokenLetters = true;
      for (size_t m = start; m < end; ++m) {
        const auto& p = prepared[members[m]];
        rows.push_back(options_.reusePrefix ? p.question : concat(header, p.question));
        for (const auto& a : p.answers) singleTokenLetters = singleTokenLetters && a.size() == 1;
      }
      if (singleTokenLetters) {
        // One next-token distribution per question holds every letter's log-probability.
        const auto lp = nextTokenLogProbs(prefix, rows);
        auto acc = lp.accessor<float, 2>();
        for (size_t m = start; m < end; ++m) {
          const auto& p = prepared[members[m]];
          auto& s = out[members[m]];
          for (const auto& a : p.answers) s.letterLogProbs.push_back(acc[static_cast<int64_t>(m - start)][a[0]]);
        }
      } else {
        // A tokenizer that splits a letter: score each letter as a continuation.
        for (size_t m = start; m < end; ++m) {
          const auto& p = prepared[members[m]];
          std::vector<std::vector<TokenId>> contexts(p.answers.size(), rows[m - start]);
          for (const auto& c : continuationLogProbs(prefix, contexts, p.answers))
            out[members[m]].letterLogProbs.push_back(c.logProb);
        }
      }
      for (size_t m = start; m < end; ++m) {
        auto& s = out[members[m]];
        s.shots = prepared[members[m]].shots;
        s.truncatedTokens = prepared[members[m]].truncated;
        s.promptIds = concat(header, prepared[members[m]].question);
      }
      if (onBatch) onBatch(static_cast<int>(end - start));
    }
  }
}

void ChoiceEvaluator::scoreOptions(const ChoiceSubject& subject, const std::vector<ChoiceQuestion>& questions,
                                   std::vector<ChoiceScores>& out, const std::function<void(int)>& onBatch,
                                   const std::atomic<bool>* cancel) {
  auto& model = *model_->model();
  const auto prepared = prepare(subject, questions, PromptForm::Cloze);
  std::map<int, std::vector<size_t>, std::greater<>> byShots;
  for (size_t i = 0; i < prepared.size(); ++i) byShots[prepared[i].shots].push_back(i);
  for (const auto& [shots, members] : byShots) {
    const auto& header = prepared[members.front()].header;
    const PrefixCache headerPrefix(model, options_.reusePrefix ? header : std::vector<TokenId>{});
    for (size_t index : members) {
      if (cancel && cancel->load()) return;
      const auto& p = prepared[index];
      std::vector<ContinuationScore> scores;
      if (options_.reusePrefix) {
        // The question is prefilled once; every option continues from its cache.
        const PrefixCache questionPrefix = headerPrefix.extend(p.question);
        scores = continuationLogProbs(questionPrefix, std::vector<std::vector<TokenId>>(p.answers.size()), p.answers);
      } else {
        scores = continuationLogProbs(headerPrefix, std::vector<std::vector<TokenId>>(p.answers.size(),
                                                                                      concat(header, p.question)),
                                      p.answers);
      }
      auto& s = out[index];
      for (size_t i = 0; i < scores.size(); ++i) {
        s.optionLogProbs.push_back(scores[i].logProb);
        s.optionChars[i] = static_cast<int>(utf8::decode(questions[index].options[i]).size());
      }
      if (!options_.letters) {
        s.shots = p.shots;
        s.truncatedTokens = p.truncated;
      }
      if (onBatch) onBatch(1);
    }
  }
}

}  // namespace mindllm::eval
