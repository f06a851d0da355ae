#pragma once
// Decoding settings. Defaults are what a chat user expects; temperature 0 means greedy.
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm {

struct SamplingParams {
  float temperature = 0.7f;       // 0 => greedy (argmax)
  int topK = 40;                  // 0 => off
  float topP = 0.9f;              // 1 => off
  float repetitionPenalty = 1.1f; // 1 => off (CTRL-style, as Hugging Face applies it)
  int maxNewTokens = 512;
  uint64_t seed = 0;              // same seed + same prompt + same settings => same output
  std::vector<std::string> stopStrings;  // generation ends before the first occurrence
  bool stopAtEos = true;

  bool greedy() const { return temperature <= 0.0f; }
};

}  // namespace mindllm
