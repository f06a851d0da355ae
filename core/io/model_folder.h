#pragma once
// A model folder in the Hugging Face layout: config.json, weights (*.safetensors, sharded with
// model.safetensors.index.json, or pytorch_model.bin), tokenizer files and tokenizer_config.json.
// LoadedModel bundles everything generation needs.
#include <memory>
#include <string>

#include "core/generate/device.h"
#include "core/model/causal_lm.h"
#include "core/model/model_config.h"
#include "core/tokenizer/chat_template.h"
#include "core/tokenizer/tokenizer.h"

namespace mindllm {

class LoadedModel {
public:
  LoadedModel(std::string dir, ModelConfig config, CausalLM model, std::unique_ptr<Tokenizer> tokenizer,
              ChatTemplate chatTemplate, DeviceSpec device);

  const std::string& dir() const { return dir_; }
  const ModelConfig& config() const { return config_; }
  CausalLM& model() { return model_; }
  const Tokenizer& tokenizer() const { return *tokenizer_; }
  const ChatTemplate& chatTemplate() const { return chatTemplate_; }
  const DeviceSpec& device() const { return device_; }

private:
  std::string dir_;
  ModelConfig config_;
  CausalLM model_;
  std::unique_ptr<Tokenizer> tokenizer_;
  ChatTemplate chatTemplate_;
  DeviceSpec device_;
};

// Summary read from config.json and the weight headers only (fast; no weights loaded), for model
// lists and the import dialog. Throws Error naming the file at fault.
struct ModelFolderInfo {
  std::string dir;
  std::string name;          // folder name, or "_name_or_path"
  std::string layout;        // "gpt_neo" or "llama"
  int64_t parameters = 0;
  std::string dtype;         // "float32", "bfloat16", "float16"
  std::string weightsFormat; // "safetensors", "safetensors-sharded", "pytorch-bin"
  std::string tokenizerKind; // "byte_level_bpe" or "sentencepiece"
  std::string chatTemplate;  // template name
  int contextLength = 0;
  int vocabSize = 0;
};
ModelFolderInfo inspectModelFolder(const std::string& dir);

std::shared_ptr<LoadedModel> loadModelFolder(const std::string& dir, const DeviceSpec& device = {});

// Writes config.json, model.safetensors, the tokenizer files and tokenizer_config.json into `dir`
// atomically (staged folder, then rename). The result loads in Hugging Face transformers.
void saveModelFolder(const std::string& dir, const ModelConfig& config, CausalLM& model, const Tokenizer& tokenizer,
                     const ChatTemplate& chatTemplate);

// A randomly initialised model of a preset with the given tokenizer (mindllm-cli init).
void initModelFolder(const std::string& dir, const std::string& preset, const std::string& tokenizerDir,
                     uint64_t seed = 1234, const std::string& chatTemplate = "mindllm");

}  // namespace mindllm
