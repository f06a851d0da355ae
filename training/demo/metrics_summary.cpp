#include "training/demo/metrics_summary.h"

#include <fstream>

#include "core/util/error.h"

namespace mindllm::demo {

Json summarizeMetrics(const std::string& metricsPath) {
  std::ifstream in(metricsPath);
  if (!in) throw fileError(metricsPath, "cannot read training metrics");
  Json out = {{"file", metricsPath}, {"steps", 0}, {"tokens", 0}, {"val", Json::array()}};
  double rateSum = 0;
  int64_t rateCount = 0;
  long lineNo = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNo;
    if (line.empty()) continue;
    const Json r = Json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.is_object()) throw fileError(metricsPath, lineNo, "not a JSON object");
    const std::string type = r.value("type", "");
    if (type == "train") {
      if (!out.contains("first_loss")) out["first_loss"] = r.value("loss", 0.0);
      out["last_loss"] = r.value("loss", 0.0);
      out["steps"] = r.value("step", 0);
      out["tokens"] = r.value("tokens", 0);
      if (r.contains("tokens_per_s") && r["tokens_per_s"].is_number()) {
        rateSum += r["tokens_per_s"].get<double>();
        ++rateCount;
      }
    } else if (type == "val") {
      out["val"].push_back({{"step", r.value("step", 0)}, {"val_loss", r.value("val_loss", 0.0)},
                            {"val_ppl", r.value("val_ppl", 0.0)}});
      out["last_val_loss"] = r.value("val_loss", 0.0);
      out["last_val_ppl"] = r.value("val_ppl", 0.0);
    }
  }
  if (rateCount) out["mean_tokens_per_s"] = rateSum / static_cast<double>(rateCount);
  return out;
}

}  // namespace mindllm::demo
