#pragma once
// Finding and reading a model folder's weights in any of the Hugging Face layouts, and moving
// them into a model by parameter name with checks that name the file and tensor at fault.
#include <string>
#include <vector>

#include "core/io/safetensors.h"
#include "core/model/causal_lm.h"

namespace mindllm {

struct WeightFiles {
  std::string format;              // "safetensors", "safetensors-sharded", "pytorch-bin", "pytorch-bin-sharded"
  std::vector<std::string> files;  // absolute paths
};

// Throws Error naming the folder when no weights are found.
WeightFiles findWeightFiles(const std::string& dir);

// Reads every tensor; the map's values remember nothing of the file, so `origin` tells which file
// each name came from (for error messages).
TensorMap readWeights(const WeightFiles& files, std::map<std::string, std::string>* origin = nullptr);

// Copies tensors into the model's parameters (converting dtype). Missing or mis-shaped tensors and
// unknown extra tensors are errors that name the tensor and its file; known non-parameter buffers
// of HF checkpoints (GPT-Neo's attn.bias / masked_bias, rotary inv_freq) are skipped, and a tied
// lm_head.weight must equal the embedding.
void loadWeightsInto(CausalLMImpl& model, const TensorMap& tensors, const std::map<std::string, std::string>& origin,
                     const std::string& folder);

// The model's parameters as named tensors in the given dtype, ready for writeSafetensors.
std::vector<NamedTensor> stateDict(CausalLMImpl& model, torch::ScalarType dtype);

}  // namespace mindllm
