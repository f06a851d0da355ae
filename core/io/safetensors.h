#pragma once
// The safetensors format: an 8-byte little-endian header length, a JSON header mapping each
// tensor name to {dtype, shape, data_offsets}, then the raw little-endian data. Reading maps the
// file and checks every header claim against the file before any tensor is touched.
#include <torch/torch.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mindllm {

struct NamedTensor {
  std::string name;
  torch::Tensor tensor;
};

// Tensors read from a file, keyed by name. CPU tensors that view the memory-mapped file (the
// mapping stays alive while any tensor does).
using TensorMap = std::map<std::string, torch::Tensor>;

TensorMap readSafetensors(const std::string& path);

// Writes tensors (converted to contiguous CPU) atomically. metadata gets {"format": "pt"}, which
// Hugging Face transformers requires.
void writeSafetensors(const std::string& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

// "F32", "BF16", ... <-> torch dtypes. Throws Error for unsupported dtypes.
torch::ScalarType safetensorsDtype(const std::string& name);
std::string safetensorsDtypeName(torch::ScalarType type);

}  // namespace mindllm
