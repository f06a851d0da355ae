#pragma once
// LoRA (Hu et al. 2021) on a causal LM: low-rank adapters on chosen projections, the base frozen,
// the adapters saved on their own in Hugging Face PEFT layout and merged into the base for export.
//
// PEFT layout (loads with peft.PeftModel.from_pretrained(base, dir)):
//   adapter_config.json        {"peft_type": "LORA", "r", "lora_alpha", "lora_dropout", "target_modules", ...}
//   adapter_model.safetensors  base_model.model.<module path>.lora_A.weight [r, in]
//                              base_model.model.<module path>.lora_B.weight [out, r]
// where <module path> is the projection's Hugging Face path, e.g. model.layers.0.self_attn.q_proj.
#include <string>
#include <vector>

#include "core/model/causal_lm.h"
#include "core/model/projection.h"

namespace mindllm::sft {

struct LoraConfig {
  int64_t rank = 8;
  double alpha = 16;
  double dropout = 0.05;
  // Projection names. In a GPT-Neo model "o_proj" means its attention output, "out_proj".
  std::vector<std::string> targets = {"q_proj", "k_proj", "v_proj", "o_proj"};
};

// Adds adapters to every projection named in config.targets and freezes every other parameter.
// Returns the adapted module paths. A target that matches no projection is an error that starts
// with `where` (the file and field the targets came from) and lists the model's projections.
std::vector<std::string> attachLora(CausalLMImpl& model, const LoraConfig& config, const std::string& where);

// Folds every adapter into its base weight (W += alpha/r * B A), removes the adapters and makes
// all parameters trainable again: the model is a plain model of its layout.
void mergeLora(CausalLMImpl& model);

// The projections of a model by module path (adapted or not).
std::vector<std::pair<std::string, Projection>> projections(CausalLMImpl& model);

// Writes the adapters (not the base) as a PEFT folder, atomically. `baseModel` is recorded as
// base_model_name_or_path.
void saveLoraAdapter(const std::string& dir, CausalLMImpl& model, const LoraConfig& config,
                     const std::string& baseModel);

// Reads a PEFT LoRA folder and attaches its adapters to the model (errors name the file and tensor).
LoraConfig loadLoraAdapter(const std::string& dir, CausalLMImpl& model);

}  // namespace mindllm::sft
