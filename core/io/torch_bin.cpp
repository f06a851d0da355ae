#include "core/io/torch_bin.h"

#include <torch/serialize.h>

#include <fstream>

#include "core/util/error.h"

namespace mindllm {
namespace {

std::vector<char> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw fileError(path, "cannot open for reading");
  const auto size = static_cast<size_t>(in.tellg());
  std::vector<char> bytes(size);
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) throw fileError(path, "read failed");
  return bytes;
}

void collect(const c10::IValue& value, const std::string& path, TensorMap& out) {
  if (!value.isGenericDict()) throw fileError(path, "expected a state dict (name -> tensor) at the top level");
  for (const auto& item : value.toGenericDict()) {
    if (!item.key().isString()) throw fileError(path, "state dict has a non-string key");
    const std::string name = item.key().toStringRef();
    if (!item.value().isTensor()) throw fileError(path, "entry '" + name + "' is not a tensor");
    out.emplace(name, item.value().toTensor());
  }
}

}  // namespace

TensorMap readTorchBin(const std::string& path) {
  const auto bytes = readBytes(path);
  // Zip archives start with "PK\x03\x04"; the legacy (pre-1.6) format starts with a pickle.
  if (bytes.size() < 4 || bytes[0] != 'P' || bytes[1] != 'K')
    throw fileError(path, "not a zip-format torch.save archive (legacy pre-1.6 format or a corrupt file); "
                          "re-save it with torch.save in PyTorch >= 1.6 or convert it to safetensors");
  c10::IValue value;
  try {
    value = torch::pickle_load(bytes);
  } catch (const c10::Error& e) {
    throw fileError(path, std::string("cannot read the checkpoint (truncated, or it holds objects other than "
                                      "tensors, which are refused for safety): ") +
                              e.what_without_backtrace());
  }
  TensorMap out;
  collect(value, path, out);
  return out;
}

}  // namespace mindllm
