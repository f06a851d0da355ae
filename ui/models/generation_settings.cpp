#include "ui/models/generation_settings.h"

#include <algorithm>

#include "core/util/json_file.h"

namespace mindllm::ui {

namespace {
template <typename T>
void readNumber(const Json& obj, const char* key, T& out) {
  auto it = obj.find(key);
  if (it != obj.end() && it->is_number()) out = it->get<T>();
}
}  // namespace

GenerationSettings GenerationSettings::fromJson(const std::string& jsonText) {
  GenerationSettings s;
  const Json obj = Json::parse(jsonText, nullptr, /*allow_exceptions=*/false);
  if (!obj.is_object()) return s;
  readNumber(obj, "temperature", s.temperature);
  readNumber(obj, "top_p", s.topP);
  readNumber(obj, "top_k", s.topK);
  readNumber(obj, "repetition_penalty", s.repetitionPenalty);
  readNumber(obj, "max_tokens", s.maxTokens);
  return s.clamped();
}

std::string GenerationSettings::toJson() const {
  const Json obj = {{"temperature", temperature},
                    {"top_p", topP},
                    {"top_k", topK},
                    {"repetition_penalty", repetitionPenalty},
                    {"max_tokens", maxTokens}};
  return obj.dump();
}

GenerationSettings GenerationSettings::clamped() const {
  GenerationSettings s = *this;
  s.temperature = std::clamp(s.temperature, 0.0f, 2.0f);
  s.topP = std::clamp(s.topP, 0.05f, 1.0f);
  s.topK = std::clamp(s.topK, 0, 200);
  s.repetitionPenalty = std::clamp(s.repetitionPenalty, 1.0f, 2.0f);
  s.maxTokens = std::clamp(s.maxTokens, 1, 8192);
  return s;
}

SamplingParams GenerationSettings::toSamplingParams(uint64_t seed) const {
  SamplingParams p;
  p.temperature = temperature;
  p.topP = topP;
  p.topK = topK;
  p.repetitionPenalty = repetitionPenalty;
  p.maxNewTokens = maxTokens;
  p.seed = seed;
  return p;
}

bool GenerationSettings::operator==(const GenerationSettings& o) const {
  return temperature == o.temperature && topP == o.topP && topK == o.topK &&
         repetitionPenalty == o.repetitionPenalty && maxTokens == o.maxTokens;
}

}  // namespace mindllm::ui
