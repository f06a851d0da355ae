#include "ui/models/eval_task_catalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mindllm::ui {
namespace {

// The first root holding `relative`, as a clean path; "" when none does.
QString findIn(const QStringList& roots, const QString& relative) {
  for (const QString& root : roots) {
    const QString path = QDir::cleanPath(root + QLatin1Char('/') + relative);
    if (!root.isEmpty() && QFileInfo::exists(path)) return path;
  }
  return {};
}

}  // namespace

EvalDataRoots EvalDataRoots::appDefaults() {
  EvalDataRoots roots;
  const QString env = qEnvironmentVariable("MINDLLM_BENCHMARKS_DIR");
  if (!env.isEmpty()) roots.benchmarks << env;
  const QString appDir = QCoreApplication::applicationDirPath();
  roots.benchmarks << appDir + QStringLiteral("/benchmarks") << appDir + QStringLiteral("/../share/mindllm-studio/benchmarks");
  roots.domains << appDir + QStringLiteral("/../share/mindllm-studio/domains");
#ifdef MINDLLM_SOURCE_DIR
  roots.benchmarks << QStringLiteral(MINDLLM_SOURCE_DIR "/tests/fixtures/eval");
  roots.domains << QStringLiteral(MINDLLM_SOURCE_DIR "/domains");
#endif
  return roots;
}

std::vector<EvalTaskPreset> evalTaskPresets(const EvalDataRoots& roots) {
  std::vector<EvalTaskPreset> presets = {
      {QStringLiteral("ceval"), QStringLiteral("C-Eval"), QStringLiteral("ceval"), findIn(roots.benchmarks, QStringLiteral("ceval"))},
      {QStringLiteral("cmmlu"), QStringLiteral("CMMLU"), QStringLiteral("cmmlu"), findIn(roots.benchmarks, QStringLiteral("cmmlu"))},
      {QStringLiteral("mmlu"), QStringLiteral("MMLU"), QStringLiteral("mmlu"), findIn(roots.benchmarks, QStringLiteral("mmlu"))},
      {QStringLiteral("gsm8k"), QStringLiteral("GSM8K"), QStringLiteral("gsm8k"),
       findIn(roots.benchmarks, QStringLiteral("gsm8k/test.jsonl"))},
      {QStringLiteral("perplexity"), QCoreApplication::translate("EvalTaskCatalog", "Perplexity"), QStringLiteral("perplexity"),
       findIn(roots.benchmarks, QStringLiteral("perplexity"))},
      {QStringLiteral("domain_choice"), QCoreApplication::translate("EvalTaskCatalog", "Domain choice (sample)"),
       QStringLiteral("domain"), findIn(roots.benchmarks, QStringLiteral("domain_choice"))},
      {QStringLiteral("domain_classify"), QCoreApplication::translate("EvalTaskCatalog", "Domain classification (sample)"),
       QStringLiteral("domain"), findIn(roots.benchmarks, QStringLiteral("domain_classify"))},
  };
  const std::pair<QString, QString> domains[] = {
      {QStringLiteral("law"), QCoreApplication::translate("EvalTaskCatalog", "Law")},
      {QStringLiteral("finance"), QCoreApplication::translate("EvalTaskCatalog", "Finance")}};
  for (const auto& [domain, domainLabel] : domains) {
    const QString evalDir = findIn(roots.domains, domain + QStringLiteral("/eval"));
    if (evalDir.isEmpty()) continue;
    for (const QFileInfo& set : QDir(evalDir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      if (!QFileInfo::exists(set.filePath() + QStringLiteral("/task.json"))) continue;
      presets.push_back({domain + QLatin1Char('/') + set.fileName(), domainLabel + QStringLiteral(": ") + set.fileName(),
                         QStringLiteral("domain"), set.filePath()});
    }
  }
  return presets;
}

}  // namespace mindllm::ui
