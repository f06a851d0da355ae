#pragma once
// The tasks the Evaluation page offers, each with its default data: the benchmark samples shipped
// with the app (C-Eval, CMMLU, MMLU, GSM8K, perplexity, the domain samples) and every law or
// finance evaluation set found under domains/<domain>/eval/<set>/task.json.
#include <QString>
#include <QStringList>
#include <vector>

namespace mindllm::ui {

struct EvalTaskPreset {
  QString id;        // unique on the page: "ceval", "domain_choice", "law/contract_choice"
  QString label;     // shown beside the check box
  QString task;      // runEvaluation's task name
  QString dataPath;  // default data folder or file ("" when not found: the user picks one)
};

// Where shipped data is looked for, first match wins: $MINDLLM_BENCHMARKS_DIR,
// <app>/benchmarks, <app>/../share/mindllm-studio/benchmarks, then the source tree's
// tests/fixtures/eval (development builds). Domain sets: <app>/../share/mindllm-studio/domains,
// then the source tree's domains/.
struct EvalDataRoots {
  QStringList benchmarks;
  QStringList domains;
  static EvalDataRoots appDefaults();
};

std::vector<EvalTaskPreset> evalTaskPresets(const EvalDataRoots& roots);

}  // namespace mindllm::ui
