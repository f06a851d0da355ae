// Domain classification sets: each text is a cloze question whose options are the task's labels,
// so a label is chosen by log P(label text | instruction, shots, text) with the text's KV cache
// shared by all labels. Accuracy is the main score; macro-F1 and per-label figures are secondary.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/util/error.h"
#include "training/eval/choice_evaluator.h"
#include "training/eval/classification_metrics.h"
#include "training/eval/domain_sets.h"
#include "training/eval/eval_tasks.h"

namespace fs = std::filesystem;

namespace mindllm::eval {
namespace {

std::string joinLabels(const std::vector<std::string>& labels, const std::string& sep) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : sep) + l;
  return out;
}

ChoicePromptStyle classificationStyle(const DomainTask& task) {
  const bool en = task.language == "en";
  ChoicePromptStyle style;
  style.instruction = !task.instruction.empty()
                          ? task.instruction
                          : en ? "Classify each text. Labels: " + joinLabels(task.labels, ", ") + "."
                               : "请判断以下文本的类别，可选类别：" + joinLabels(task.labels, "、") + "。";
  style.questionPrefix = task.inputName + (en ? ": " : "：");
  style.answerCue = task.outputName + (en ? ":" : "：");
  style.answerSpace = en ? " " : "";
  return style;
}

ChoiceQuestion asQuestion(const LabeledText& t, const DomainTask& task) {
  ChoiceQuestion q;
  q.id = t.id;
  q.question = t.text;
  q.options = task.labels;
  q.answer = t.label;
  q.file = t.file;
  q.line = t.line;
  return q;
}

}  // namespace

void runClassificationTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                           ProgressTracker& progress, const std::atomic<bool>* cancel) {
  const DomainTask task = readDomainTask(request.dataPath);
  const std::string split = request.split.empty() ? "test" : request.split;
  const std::string file = task.splitFile(split);
  if (!fs::is_regular_file(file)) throw fileError(file, "no such file (the '" + split + "' split of the task)");
  const std::string devFile = !request.devPath.empty() ? request.devPath : task.splitFile("dev");

  // Subjects in file order; the dev texts are one pool of examples shared by all of them.
  std::vector<ChoiceSubject> subjects;
  for (const auto& t : readDomainClassification(task, file)) {
    auto it = std::find_if(subjects.begin(), subjects.end(), [&](const ChoiceSubject& s) { return s.key == t.subject; });
    if (it == subjects.end()) {
      const auto known = task.subjects.find(t.subject);
      ChoiceSubject s;
      s.key = t.subject;
      s.name = known != task.subjects.end() ? known->second.first : t.subject;
      s.categories = {known != task.subjects.end() && !known->second.second.empty() ? known->second.second : task.name};
      subjects.push_back(std::move(s));
      it = subjects.end() - 1;
    }
    if (request.limit <= 0 || static_cast<int>(it->questions.size()) < request.limit)
      it->questions.push_back(asQuestion(t, task));
  }
  std::vector<ChoiceQuestion> dev;
  if (fs::is_regular_file(devFile))
    for (const auto& t : readDomainClassification(task, devFile)) dev.push_back(asQuestion(t, task));
  int64_t total = 0;
  for (auto& s : subjects) {
    s.dev = dev;
    total += static_cast<int64_t>(s.questions.size());
  }
  progress.setTotal(total);

  ChoiceScoringOptions options;
  options.shots = request.shots < 0 ? 5 : request.shots;
  options.batchSize = request.batchSize;
  options.letters = false;
  options.options = true;
  options.reusePrefix = request.reusePrefix;
  report.title = task.name;
  report.metric = "accuracy";
  report.settings.update({{"split", split},
                          {"shots", options.shots},
                          {"limit", request.limit},
                          {"scoring", "label"},
                          {"prefix_reuse", options.reusePrefix},
                          {"labels", task.labels}});

  ChoiceEvaluator evaluator(model, classificationStyle(task), options);
  std::vector<int> gold, predicted;
  int64_t normCorrect = 0;
  for (const auto& subject : subjects) {
    if (cancelled(cancel)) break;
    const auto scores = evaluator.score(subject, subject.questions, [&](int n) { progress.advance(n, subject.key); },
                                        cancel);
    GroupScore g;
    g.key = subject.key;
    g.name = subject.name;
    g.categories = subject.categories;
    for (size_t i = 0; i < subject.questions.size(); ++i) {
      const auto& s = scores[i];
      if (s.optionLogProbs.empty()) continue;
      const auto& q = subject.questions[i];
      // Labels are short and of similar length: the plain sum is P(label | text), the Bayes choice.
      const int prediction = s.optionPrediction();
      ++report.itemsDone;
      ++g.count;
      g.correct += prediction == q.answer;
      normCorrect += s.normalisedPrediction() == q.answer;
      gold.push_back(q.answer);
      predicted.push_back(prediction);
      if (request.keepItems) {
        Json lp = Json::object();
        for (size_t k = 0; k < task.labels.size(); ++k) lp[task.labels[k]] = std::round(s.optionLogProbs[k] * 1e4) / 1e4;
        report.items.push_back({{"subject", subject.key},
                                {"id", q.id},
                                {"answer", task.labels[static_cast<size_t>(q.answer)]},
                                {"prediction", task.labels[static_cast<size_t>(prediction)]},
                                {"correct", prediction == q.answer},
                                {"shots", s.shots},
                                {"label_logprobs", lp}});
      }
    }
    report.subjects.push_back(std::move(g));
  }
  const auto metrics = classificationMetrics(gold, predicted, task.labels);
  report.secondary["macro_f1"] = metrics.toJson();
  if (!gold.empty())
    report.secondary["label_norm_accuracy"] = {
        {"average", static_cast<double>(normCorrect) / static_cast<double>(gold.size())}, {"percent", true}};
}

}  // namespace mindllm::eval
