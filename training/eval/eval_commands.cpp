#include "training/eval/eval_commands.h"

#include <torch/torch.h>

#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/cli/progress_bar.h"
#include "core/generate/device.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/eval/eval_runner.h"
#include "training/eval/report_comparison.h"

namespace mindllm::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int runEval(const std::vector<std::string>& args) {
  ArgParser p("eval", "Evaluate a model folder on a benchmark (ceval, cmmlu, mmlu, gsm8k, perplexity, domain).");
  p.option("model", "model folder", std::nullopt, true)
      .option("task", "ceval, cmmlu, mmlu, gsm8k, perplexity or domain", std::nullopt, true)
      .option("data", "benchmark folder, .jsonl file, domain task folder, or .txt file/folder", std::nullopt, true)
      .option("shots", "k-shot examples (default: 5; gsm8k 8)", "-1")
      .option("limit", "at most N items per subject (perplexity: N tokens per file); 0 = all", "0")
      .option("device", "cpu, cuda or cuda:N", "cpu")
      .option("dtype", "auto, float32, bfloat16 or float16", "auto")
      .option("batch-size", "questions (or perplexity windows) per forward pass", "8")
      .option("scoring", "multiple choice: letter, option (length-normalised option text) or both", "letter")
      .option("split", "split to evaluate (default: C-Eval val, others test)", "")
      .option("subjects", "comma-separated subject keys (default: all)", "")
      .option("dev", "gsm8k/domain: file with the k-shot examples", "")
      .option("max-new-tokens", "gsm8k: generation budget per answer", "256")
      .option("language", "gsm8k prompt language: en or zh", "en")
      .option("context", "perplexity: window in tokens (default: the model's)", "0")
      .option("stride", "perplexity: stride in tokens (default: half the window)", "0")
      .option("threads", "CPU threads for torch (0 = its default)", "0")
      .option("out", "write the JSON report here", "")
      .option("markdown", "write the Markdown table here", "")
      .flag("no-prefix-reuse", "recompute every prompt in full (to measure what the KV prefix cache buys)")
      .flag("no-items", "leave per-question predictions out of the report");
  if (!p.parse(args)) return 0;
  if (p.getInt("threads") > 0) torch::set_num_threads(p.getInt("threads"));

  eval::EvalRequest r;
  r.task = p.get("task");
  r.dataPath = p.get("data");
  r.shots = p.getInt("shots");
  r.limit = p.getInt("limit");
  r.batchSize = p.getInt("batch-size");
  if (r.batchSize < 1) throw Error("--batch-size must be at least 1");
  r.scoring = eval::parseChoiceScoring(p.get("scoring"));
  r.split = p.get("split");
  r.subjects = splitList(p.get("subjects"));
  r.devPath = p.get("dev");
  r.maxNewTokens = p.getInt("max-new-tokens");
  r.language = p.get("language");
  r.context = p.getInt("context");
  r.stride = p.getInt("stride");
  r.reusePrefix = !p.flagSet("no-prefix-reuse");
  r.keepItems = !p.flagSet("no-items");

  auto model = loadModelFolder(p.get("model"), DeviceSpec::parse(p.get("device"), p.get("dtype")));
  std::unique_ptr<ProgressBar> bar;
  const auto report = eval::runEvaluation(model, r, [&](const eval::EvalProgress& e) {
    if (!bar) bar = std::make_unique<ProgressBar>(r.task, e.total, r.task == "perplexity" ? "win" : "q");
    bar->update(e.done, e.subject);
  });
  if (bar) bar->finish();
  const std::string table = report.markdown();
  std::cout << table;
  std::cout << report.itemsDone << " items in " << report.seconds << " s ("
            << (report.seconds > 0 ? report.itemsDone / report.seconds : 0.0) << " items/s)\n";
  if (!p.get("out").empty()) {
    eval::writeReport(p.get("out"), report);
    std::cout << "report: " << p.get("out") << "\n";
  }
  if (!p.get("markdown").empty()) writeFileAtomic(p.get("markdown"), table);
  return 0;
}

int runCompare(const std::vector<std::string>& args) {
  ArgParser p("eval compare", "Print several evaluation reports side by side (Markdown).");
  p.option("out", "also write the Markdown here", "")
      .option("labels", "comma-separated column names (default: model names)", "");
  // Report paths are all the arguments that are not options or their values.
  std::vector<std::string> options, paths;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0 || args[i] == "-h") {
      options.push_back(args[i]);
      const bool takesValue = (args[i] == "--out" || args[i] == "--labels") && i + 1 < args.size();
      if (takesValue) options.push_back(args[++i]);
    } else {
      paths.push_back(args[i]);
    }
  }
  if (!p.parse(options)) {
    std::cout << "  REPORT.json ...      two or more reports written by `mindllm-cli eval --out`\n";
    return 0;
  }
  if (paths.empty()) throw Error("eval compare: give the report files to compare");
  std::vector<eval::EvalReport> reports;
  for (const auto& path : paths) reports.push_back(eval::readReport(path));
  const std::string table = eval::compareReports(reports, splitList(p.get("labels")));
  std::cout << table;
  if (!p.get("out").empty()) writeFileAtomic(p.get("out"), table);
  return 0;
}

}  // namespace

void registerEvalCommands(CommandRegistry& registry) {
  registry.add({"eval", "evaluate a model: C-Eval, CMMLU, MMLU, GSM8K, perplexity, domain sets", runEval});
  registry.add({"eval compare", "print evaluation reports side by side", runCompare});
}

}  // namespace mindllm::cli
