#pragma once
// The model's shape and layout, read from / written to a Hugging Face config.json.
// Two layouts: GPT-Neo (the published MindLLM-1.3B checkpoint) and Llama (new pretraining).
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm {

enum class Layout { GptNeo, Llama };
const char* toString(Layout layout);  // "gpt_neo" / "llama" (the HF model_type)

struct ModelConfig {
  Layout layout = Layout::Llama;
  int vocabSize = 0;
  int hiddenSize = 0;
  int numLayers = 0;
  int numHeads = 0;
  int numKvHeads = 0;          // grouped-query attention when < numHeads (Llama only)
  int headDim = 0;             // hiddenSize / numHeads unless config.json sets head_dim
  int intermediateSize = 0;
  int maxPositions = 0;        // the context window
  bool tieWordEmbeddings = true;
  int bosTokenId = -1, eosTokenId = -1, padTokenId = -1;
  std::string torchDtype = "float32";  // dtype the weights are stored in
  double initializerRange = 0.02;

  // GPT-Neo
  std::vector<std::string> attentionLayers;  // "global" / "local" per layer
  int windowSize = 256;
  double layerNormEps = 1e-5;
  std::string activation = "gelu_new";

  // Llama
  double rmsNormEps = 1e-6;
  double ropeTheta = 10000.0;
  bool attentionBias = false;
  bool mlpBias = false;

  // Dropout (training only; 0 at inference). GPT-Neo names: embed/attention/resid dropout.
  double embedDropout = 0.0, attentionDropout = 0.0, residDropout = 0.0;

  Json original;  // the config.json as read, so unknown fields survive a load/save round trip

  // Parses config.json content; `where` names the file in error messages.
  static ModelConfig fromJson(const Json& json, const std::string& where = "config.json");
  static ModelConfig fromFile(const std::string& path);
  Json toJson() const;

  bool isLocalLayer(int layer) const;
  int64_t parameterCount() const;
  // Throws Error naming the field when the shape is inconsistent.
  void validate(const std::string& where = "config") const;
};

// Named presets: "mindllm-1.3b", "mindllm-3b", and tiny ones for tests and the demo model.
ModelConfig presetConfig(const std::string& name, int vocabSize);
std::vector<std::string> presetNames();

}  // namespace mindllm
