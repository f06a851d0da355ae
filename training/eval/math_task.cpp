// GSM8K-style generation: greedy chain-of-thought answers to a few-shot prompt, scored by whether
// the last number of the answer equals the reference.
#include <filesystem>

#include "core/generate/generator.h"
#include "core/util/error.h"
#include "training/eval/eval_tasks.h"
#include "training/eval/math_word_problems.h"
#include "training/eval/segment_encoding.h"

namespace fs = std::filesystem;

namespace mindllm::eval {

void runMathTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                 ProgressTracker& progress, const std::atomic<bool>* cancel) {
  const std::string language = request.language.empty() ? "en" : request.language;
  if (language != "en" && language != "zh") throw Error("unknown language '" + language + "' (use en or zh)");
  auto problems = readGsm8k(request.dataPath);
  if (request.limit > 0 && static_cast<int>(problems.size()) > request.limit) problems.resize(static_cast<size_t>(request.limit));
  // Shots: --dev, else train.jsonl beside the data (GSM8K's own layout), else the paper's exemplars.
  std::string devFile = request.devPath;
  const fs::path sibling = fs::path(request.dataPath).parent_path() / "train.jsonl";
  if (devFile.empty() && fs::is_regular_file(sibling) && !fs::equivalent(sibling, request.dataPath))
    devFile = sibling.string();
  auto shots = devFile.empty() ? chainOfThoughtExemplars() : readGsm8k(devFile);
  const int k = std::min<int>(request.shots < 0 ? 8 : request.shots, static_cast<int>(shots.size()));
  shots.resize(static_cast<size_t>(k));
  progress.setTotal(static_cast<int64_t>(problems.size()));

  report.title = fs::path(request.dataPath).stem().string();
  report.metric = "accuracy";
  report.settings.update({{"shots", k},
                          {"shots_from", devFile.empty() ? "chain-of-thought exemplars" : devFile},
                          {"limit", request.limit},
                          {"language", language},
                          {"max_new_tokens", request.maxNewTokens},
                          {"decoding", "greedy"}});

  const auto& tok = model->tokenizer();
  const std::string header = renderMathShots(shots, language);
  const auto headerIds = tok.encode(header);
  SamplingParams params;
  params.temperature = 0;
  params.repetitionPenalty = 1.0f;
  params.maxNewTokens = request.maxNewTokens;
  params.stopStrings = mathStopStrings(language);
  Generator generator(model);
  GroupScore g;
  g.key = "gsm8k";
  g.name = report.title;
  int64_t truncatedPrompts = 0;
  for (const auto& p : problems) {
    if (cancelled(cancel)) break;
    auto ids = headerIds;
    const auto question = header.empty() ? tok.encode(renderMathQuestion(p, language))
                                         : encodeAfter(tok, "\n\n", renderMathQuestion(p, language));
    ids.insert(ids.end(), question.begin(), question.end());
    // Long prompts keep their newest tokens (the question) and drop the oldest shots.
    const auto result = generator.generateFromIds(ids, params, {}, cancel, ContextPolicy::TruncateLeft);
    if (result.stopReason == StopReason::Cancelled) break;
    truncatedPrompts += result.truncatedPromptTokens > 0;
    const auto number = lastNumber(result.text);
    const bool correct = number && sameNumber(*number, std::stod(p.answer));
    ++g.count;
    g.correct += correct;
    ++report.itemsDone;
    if (request.keepItems)
      report.items.push_back({{"id", p.id},
                              {"answer", p.answer},
                              {"prediction", number ? Json(*number) : Json()},
                              {"correct", correct},
                              {"generation", result.text},
                              {"stop_reason", toString(result.stopReason)}});
    progress.advance(1, g.key);
  }
  report.settings["prompts_truncated"] = truncatedPrompts;
  report.subjects.push_back(std::move(g));
}

}  // namespace mindllm::eval
