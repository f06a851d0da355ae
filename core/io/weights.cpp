#include "core/io/weights.h"

#include <filesystem>
#include <set>

#include "core/io/torch_bin.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> shardsFromIndex(const std::string& dir, const std::string& indexFile) {
  const std::string path = (fs::path(dir) / indexFile).string();
  const Json index = readJsonFile(path);
  if (!index.contains("weight_map") || !index["weight_map"].is_object())
    throw fileError(path, "missing object field 'weight_map'");
  std::set<std::string> names;
  for (const auto& [tensor, file] : index["weight_map"].items()) {
    if (!file.is_string()) throw fileError(path, "weight_map entry for '" + tensor + "' is not a file name");
    names.insert(file.get<std::string>());
  }
  std::vector<std::string> files;
  for (const auto& n : names) {
    const auto p = fs::path(dir) / n;
    if (!fs::exists(p)) throw fileError(path, "lists shard '" + n + "' which does not exist");
    files.push_back(p.string());
  }
  return files;
}

// Names of non-parameter buffers some checkpoints carry.
bool isIgnorableBuffer(const std::string& name) {
  return endsWith(name, ".attn.attention.bias") || endsWith(name, ".attn.attention.masked_bias") ||
         endsWith(name, "rotary_emb.inv_freq");
}

}  // namespace

WeightFiles findWeightFiles(const std::string& dir) {
  if (!fs::is_directory(dir)) throw Error(dir + ": not a folder");
  if (fs::exists(fs::path(dir) / "model.safetensors.index.json"))
    return {"safetensors-sharded", shardsFromIndex(dir, "model.safetensors.index.json")};
  if (fs::exists(fs::path(dir) / "model.safetensors"))
    return {"safetensors", {(fs::path(dir) / "model.safetensors").string()}};
  if (fs::exists(fs::path(dir) / "pytorch_model.bin.index.json"))
    return {"pytorch-bin-sharded", shardsFromIndex(dir, "pytorch_model.bin.index.json")};
  if (fs::exists(fs::path(dir) / "pytorch_model.bin"))
    return {"pytorch-bin", {(fs::path(dir) / "pytorch_model.bin").string()}};
  throw Error(dir + ": no weights found (expected model.safetensors, model.safetensors.index.json or pytorch_model.bin)");
}

TensorMap readWeights(const WeightFiles& files, std::map<std::string, std::string>* origin) {
  TensorMap all;
  for (const auto& f : files.files) {
    TensorMap part = endsWith(f, ".safetensors") ? readSafetensors(f) : readTorchBin(f);
    for (auto& [name, t] : part) {
      if (all.count(name)) throw fileError(f, "tensor '" + name + "' also appears in another shard");
      if (origin) (*origin)[name] = f;
      all.emplace(name, std::move(t));
    }
  }
  return all;
}

void loadWeightsInto(CausalLMImpl& model, const TensorMap& tensors, const std::map<std::string, std::string>& origin,
                     const std::string& folder) {
  torch::NoGradGuard noGrad;
  auto fileOf = [&](const std::string& name) {
    auto it = origin.find(name);
    return it == origin.end() ? folder : it->second;
  };
  auto params = model.named_parameters();
  std::set<std::string> used;
  for (auto& p : params) {
    const std::string& name = p.key();
    auto it = tensors.find(name);
    if (it == tensors.end())
      throw Error(folder + ": missing tensor '" + name + "' (expected shape " + c10::str(p.value().sizes()) + ")");
    const auto& src = it->second;
    if (src.sizes() != p.value().sizes())
      throw fileError(fileOf(name), "tensor '" + name + "' has shape " + c10::str(src.sizes()) + " but the config needs " +
                                        c10::str(p.value().sizes()));
    if (!src.is_floating_point())
      throw fileError(fileOf(name), "tensor '" + name + "' has non-float dtype " + std::string(c10::toString(src.scalar_type())));
    p.value().copy_(src);
    used.insert(name);
  }
  for (const auto& [name, t] : tensors) {
    if (used.count(name) || isIgnorableBuffer(name)) continue;
    if (name == "lm_head.weight" && model.config().tieWordEmbeddings) continue;  // HF .bin files keep the tied copy
    throw fileError(fileOf(name), "unexpected tensor '" + name + "' (not part of a " +
                                      std::string(toString(model.config().layout)) + " model with this config)");
  }
}

std::vector<NamedTensor> stateDict(CausalLMImpl& model, torch::ScalarType dtype) {
  std::vector<NamedTensor> out;
  for (auto& p : model.named_parameters()) out.push_back({p.key(), p.value().detach().to(dtype)});
  return out;
}

}  // namespace mindllm
