// Eval stage: every model of the build on the corpus's held-out text (perplexity) and the domain
// packs' evaluation sets (domains/<pack>/eval/<task>/task.json), with the harness the `eval`
// command and the app's Evaluation page use. The untrained model — the pretraining's starting
// point, same preset and seed — is the baseline the trained ones must beat.
#include <filesystem>
#include <optional>

#include "core/cli/progress_bar.h"
#include "core/io/model_folder.h"
#include "training/demo/corpus_inputs.h"
#include "training/demo/demo_stages.h"
#include "training/demo/stage_ledger.h"
#include "training/eval/eval_runner.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

struct ModelToEvaluate {
  std::string key, dir;
  bool domainSets;  // the untrained model is only a perplexity baseline
};

std::vector<ModelToEvaluate> modelsToEvaluate(const DemoContext& ctx) {
  std::vector<ModelToEvaluate> models = {{"untrained", ctx.paths.eval + "/untrained", false},
                                         {"pretrained", ctx.paths.pretrainedModel(), true}};
  if (StageLedger(ctx.paths.stages).done("sft")) models.push_back({"final", ctx.paths.sftModel(), true});
  return models;
}

// Task folders of the law and finance packs, sorted.
std::vector<std::string> domainTasks(const std::string& domainsDir) {
  std::vector<std::string> tasks;
  for (const char* pack : {"law", "finance"}) {
    const fs::path root = fs::path(domainsDir) / pack / "eval";
    if (!fs::is_directory(root)) continue;
    for (const auto& e : fs::directory_iterator(root))
      if (fs::exists(e.path() / "task.json")) tasks.push_back(e.path().string());
  }
  std::sort(tasks.begin(), tasks.end());
  return tasks;
}

eval::EvalReport evaluate(std::shared_ptr<LoadedModel> model, const eval::EvalRequest& request,
                          const std::string& label, const std::string& out) {
  std::optional<cli::ProgressBar> bar;
  auto report = eval::runEvaluation(model, request, [&](const eval::EvalProgress& p) {
    if (!bar) bar.emplace(label, p.total, "item");
    bar->update(p.done, p.subject);
  });
  if (bar) bar->finish(eval::formatScore(report.metric, report.average.score));
  eval::writeReport(out, report);
  return report;
}

}  // namespace

Json runEvalStage(const DemoContext& ctx) {
  fs::create_directories(ctx.paths.eval);
  initModelFolder(ctx.paths.eval + "/untrained", ctx.recipe().preset, ctx.paths.tokenizer, ctx.recipe().seed);

  eval::EvalRequest perplexity;
  perplexity.task = "perplexity";
  perplexity.dataPath = ctx.options.corpusDir + "/val";
  perplexity.limit = ctx.recipe().evalPerplexityTokens;
  perplexity.batchSize = 4;
  const std::vector<std::string> tasks = domainTasks(ctx.options.domainsDir);

  Json heldOut = {{"data", perplexity.dataPath}, {"perplexity", Json::object()}, {"by_file", Json::object()}};
  Json domain = Json::object();
  Json reports = Json::array();
  for (const auto& m : modelsToEvaluate(ctx)) {
    auto model = loadModelFolder(m.dir);
    const std::string pplPath = ctx.paths.eval + "/" + m.key + "-perplexity.json";
    const auto ppl = evaluate(model, perplexity, "eval " + m.key + " perplexity", pplPath);
    heldOut["perplexity"][m.key] = ppl.average.score;
    for (const auto& s : ppl.subjects) heldOut["by_file"][m.key][s.key] = s.score;
    reports.push_back(pplPath);
    if (!m.domainSets) continue;
    for (const auto& task : tasks) {
      eval::EvalRequest request;
      request.task = "domain";
      request.dataPath = task;
      request.limit = ctx.recipe().evalLimit;
      const std::string name = fs::path(task).parent_path().parent_path().filename().string() + "-" +
                               fs::path(task).filename().string();
      const std::string path = ctx.paths.eval + "/" + m.key + "-" + name + ".json";
      const auto r = evaluate(model, request, "eval " + m.key + " " + name, path);
      domain[name]["title"] = r.title;
      domain[name]["items"] = r.average.count;
      domain[name][m.key] = r.average.score;
      if (r.secondary.contains("macro_f1")) domain[name][m.key + "_macro_f1"] = r.secondary["macro_f1"].value("average", 0.0);
      reports.push_back(path);
    }
  }
  return {{"held_out", heldOut}, {"domain", domain}, {"domain_tasks", tasks}, {"reports", reports}};
}

}  // namespace mindllm::demo
