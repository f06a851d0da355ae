#include "core/jobs/metrics_record.h"

#include "core/util/json_file.h"

namespace mindllm::jobs {
namespace {

int64_t integerOr(const Json& j, const char* key, int64_t fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int64_t>() : fallback;
}

double numberOr(const Json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string textOr(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::optional<MetricsRecord> parseMetricsLine(const std::string& line) {
  const Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return std::nullopt;
  MetricsRecord r;
  const std::string t = type->get<std::string>();
  r.type = t == "start" ? MetricsRecord::Type::Start
           : t == "train" ? MetricsRecord::Type::Train
           : t == "val"   ? MetricsRecord::Type::Val
           : t == "done"  ? MetricsRecord::Type::Done
                          : MetricsRecord::Type::Other;
  r.step = integerOr(j, "step", 0);
  r.maxSteps = integerOr(j, "max_steps", 0);
  r.trainSamples = integerOr(j, "train_samples", 0);
  r.valSamples = integerOr(j, "val_samples", 0);
  r.method = textOr(j, "method");
  r.loss = numberOr(j, "loss", 0);
  r.lr = numberOr(j, "lr", 0);
  r.tokens = integerOr(j, "tokens", 0);
  r.valLoss = numberOr(j, "val_loss", 0);
  r.valPpl = numberOr(j, "val_ppl", 0);
  r.modelDir = textOr(j, "model_dir");
  return r;
}

}  // namespace mindllm::jobs
