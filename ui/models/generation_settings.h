#pragma once
// Per-conversation generation settings, stored as a JSON object in the conversation row
// (Conversation::settingsJson). Missing fields take the SamplingParams defaults, so that older
// rows and hand-edited exports keep working.
#include <string>

#include "core/generate/sampling_params.h"

namespace mindllm::ui {

struct GenerationSettings {
  float temperature = SamplingParams{}.temperature;
  float topP = SamplingParams{}.topP;
  int topK = SamplingParams{}.topK;
  float repetitionPenalty = SamplingParams{}.repetitionPenalty;
  int maxTokens = SamplingParams{}.maxNewTokens;

  // Parses the stored text; fields that are missing or of the wrong type keep their defaults
  // (a bad settings row must never make a conversation unopenable).
  static GenerationSettings fromJson(const std::string& jsonText);
  std::string toJson() const;

  // Clamped into the ranges the settings dialog allows.
  GenerationSettings clamped() const;

  SamplingParams toSamplingParams(uint64_t seed) const;
  bool operator==(const GenerationSettings& other) const;
};

}  // namespace mindllm::ui
