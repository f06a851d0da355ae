// C-Eval, CMMLU, MMLU and the domain multiple-choice sets: load, score with ChoiceEvaluator, tally.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/util/error.h"
#include "training/eval/benchmark_readers.h"
#include "training/eval/choice_evaluator.h"
#include "training/eval/domain_sets.h"
#include "training/eval/eval_tasks.h"

namespace fs = std::filesystem;

namespace mindllm::eval {
namespace {

struct ChoiceData {
  std::vector<ChoiceSubject> subjects;
  ChoicePromptStyle style;
  std::string split, title;
};

ChoiceData loadChoiceData(const EvalRequest& r) {
  ChoiceData d;
  if (r.task == "ceval") {
    d.split = r.split.empty() ? "val" : r.split;
    d.subjects = readCEval(r.dataPath, d.split);
    d.style = ChoicePromptStyle::ceval();
    d.title = "C-Eval";
  } else if (r.task == "cmmlu") {
    d.split = r.split.empty() ? "test" : r.split;
    d.subjects = readCmmlu(r.dataPath, d.split);
    d.style = ChoicePromptStyle::cmmlu();
    d.title = "CMMLU";
  } else if (r.task == "mmlu") {
    d.split = r.split.empty() ? "test" : r.split;
    d.subjects = readMmlu(r.dataPath, d.split);
    d.style = ChoicePromptStyle::mmlu();
    d.title = "MMLU";
  } else {
    const DomainTask task = readDomainTask(r.dataPath);
    d.split = r.split.empty() ? "test" : r.split;
    const std::string file = task.dir.empty() ? r.dataPath : task.splitFile(d.split);
    if (!fs::is_regular_file(file)) throw fileError(file, "no such file (the '" + d.split + "' split of the task)");
    const std::string dev = !r.devPath.empty() ? r.devPath : task.dir.empty() ? "" : task.splitFile("dev");
    d.subjects = readDomainChoice(task, file, dev);
    d.style = ChoicePromptStyle::generic(task.language);
    if (!task.instruction.empty()) d.style.instruction = task.instruction;
    d.title = task.name;
  }
  return d;
}

// Keeps the requested subjects (in the order given); an unknown key is an error listing the known ones.
void selectSubjects(std::vector<ChoiceSubject>& subjects, const std::vector<std::string>& wanted,
                    const std::string& data) {
  if (wanted.empty()) return;
  std::vector<ChoiceSubject> kept;
  for (const auto& key : wanted) {
    auto it = std::find_if(subjects.begin(), subjects.end(), [&](const ChoiceSubject& s) { return s.key == key; });
    if (it == subjects.end()) {
      std::string known;
      for (const auto& s : subjects) known += (known.empty() ? "" : ", ") + s.key;
      throw fileError(data, "no subject '" + key + "' (found: " + known + ")");
    }
    kept.push_back(*it);
  }
  subjects = std::move(kept);
}

Json logProbsJson(const std::vector<double>& v) {
  Json out = Json::array();
  for (double x : v) out.push_back(std::round(x * 1e4) / 1e4);
  return out;
}

}  // namespace

void runChoiceTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                   ProgressTracker& progress, const std::atomic<bool>* cancel) {
  ChoiceData data = loadChoiceData(request);
  selectSubjects(data.subjects, request.subjects, request.dataPath);
  ChoiceScoringOptions options;
  options.shots = request.shots < 0 ? 5 : request.shots;
  options.batchSize = request.batchSize;
  options.letters = request.scoring != ChoiceScoring::Option;
  options.options = request.scoring != ChoiceScoring::Letter;
  options.reusePrefix = request.reusePrefix;
  int64_t total = 0;
  for (auto& s : data.subjects) {
    if (request.limit > 0 && static_cast<int>(s.questions.size()) > request.limit) s.questions.resize(static_cast<size_t>(request.limit));
    total += static_cast<int64_t>(s.questions.size());
  }
  const int passes = (options.letters ? 1 : 0) + (options.options ? 1 : 0);
  progress.setTotal(total * passes);

  report.title = data.title;
  report.metric = "accuracy";
  report.settings.update({{"split", data.split},
                          {"shots", options.shots},
                          {"limit", request.limit},
                          {"batch_size", options.batchSize},
                          {"scoring", toString(request.scoring)},
                          {"prefix_reuse", options.reusePrefix}});
  if (!request.subjects.empty()) report.settings["subjects"] = request.subjects;

  ChoiceEvaluator evaluator(model, data.style, options);
  Json optionRaw = Json::object(), optionNorm = Json::object();
  int64_t rawCorrect = 0, normCorrect = 0, labelled = 0, fewerShots = 0, truncated = 0;
  for (const auto& subject : data.subjects) {
    if (cancelled(cancel)) break;
    const auto scores = evaluator.score(
        subject, subject.questions, [&](int n) { progress.advance(n, subject.key); }, cancel);
    GroupScore g;
    g.key = subject.key;
    g.name = subject.name;
    g.categories = subject.categories;
    int64_t subjectRaw = 0, subjectNorm = 0;
    for (size_t i = 0; i < subject.questions.size(); ++i) {
      const auto& q = subject.questions[i];
      const auto& s = scores[i];
      const bool scored = options.letters ? !s.letterLogProbs.empty() : !s.optionLogProbs.empty();
      if (!scored) continue;  // cancelled before this question
      ++report.itemsDone;
      const int prediction = options.letters ? s.letterPrediction() : s.normalisedPrediction();
      if (q.answer >= 0) {
        ++g.count;
        g.correct += prediction == q.answer;
        if (options.options && !s.optionLogProbs.empty()) {
          subjectRaw += s.optionPrediction() == q.answer;
          subjectNorm += s.normalisedPrediction() == q.answer;
        }
      }
      fewerShots += s.shots < std::min<int>(options.shots, static_cast<int>(subject.dev.size()));
      truncated += s.truncatedTokens > 0;
      if (!request.keepItems) continue;
      Json item = {{"subject", subject.key},
                   {"id", q.id},
                   {"answer", q.answer >= 0 ? Json(optionLetter(q.answer)) : Json()},
                   {"prediction", optionLetter(prediction)},
                   {"correct", q.answer >= 0 && prediction == q.answer},
                   {"shots", s.shots}};
      if (!s.letterLogProbs.empty()) item["letter_logprobs"] = logProbsJson(s.letterLogProbs);
      if (!s.optionLogProbs.empty()) {
        item["option_logprobs"] = logProbsJson(s.optionLogProbs);
        item["option_prediction"] = optionLetter(s.optionPrediction());
        item["option_norm_prediction"] = optionLetter(s.normalisedPrediction());
      }
      if (s.truncatedTokens > 0) item["truncated_tokens"] = s.truncatedTokens;
      report.items.push_back(std::move(item));
    }
    if (options.options && g.count > 0) {
      optionRaw[subject.key] = static_cast<double>(subjectRaw) / static_cast<double>(g.count);
      optionNorm[subject.key] = static_cast<double>(subjectNorm) / static_cast<double>(g.count);
    }
    rawCorrect += subjectRaw;
    normCorrect += subjectNorm;
    labelled += g.count;
    report.subjects.push_back(std::move(g));
  }
  report.settings["questions_with_fewer_shots"] = fewerShots;
  report.settings["questions_truncated"] = truncated;
  if (options.options && labelled > 0) {
    report.secondary["option_accuracy"] = {
        {"average", static_cast<double>(rawCorrect) / static_cast<double>(labelled)}, {"percent", true},
        {"subjects", optionRaw}};
    report.secondary["option_norm_accuracy"] = {
        {"average", static_cast<double>(normCorrect) / static_cast<double>(labelled)}, {"percent", true},
        {"subjects", optionNorm}};
  }
}

}  // namespace mindllm::eval
