#pragma once
// PyTorch's pytorch_model.bin (the zip archive torch.save writes since 1.6): the state dict is a
// pickle that LibTorch's restricted unpickler reads. It only rebuilds tensors and plain containers
// and rejects any other global, so loading a checkpoint never runs code from the file.
#include <string>

#include "core/io/safetensors.h"

namespace mindllm {

TensorMap readTorchBin(const std::string& path);

}  // namespace mindllm
