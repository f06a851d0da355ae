#include "training/sft/lora.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/io/safetensors.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm::sft {
namespace {

const char* kPeftPrefix = "base_model.model.";

std::string lastComponent(const std::string& path) {
  const size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

// GPT-Neo calls the attention output projection out_proj; Llama (and LoRA recipes) say o_proj.
std::string projectionName(const std::string& target, Layout layout) {
  return layout == Layout::GptNeo && target == "o_proj" ? "out_proj" : target;
}

}  // namespace

std::vector<std::pair<std::string, Projection>> projections(CausalLMImpl& model) {
  std::vector<std::pair<std::string, Projection>> out;
  for (const auto& item : model.named_modules("", /*include_self=*/false))
    if (auto p = std::dynamic_pointer_cast<ProjectionImpl>(item.value())) out.emplace_back(item.key(), Projection(p));
  return out;
}

std::vector<std::string> attachLora(CausalLMImpl& model, const LoraConfig& config, const std::string& where) {
  if (config.rank < 1) throw Error(where + ": LoRA rank must be >= 1, got " + std::to_string(config.rank));
  if (!(config.alpha > 0)) throw Error(where + ": LoRA alpha must be positive");
  if (!(config.dropout >= 0 && config.dropout < 1)) throw Error(where + ": LoRA dropout must be in [0, 1)");
  if (config.targets.empty()) throw Error(where + ": name at least one projection to adapt");
  auto all = projections(model);
  std::set<std::string> available;
  for (const auto& [path, p] : all) available.insert(lastComponent(path));
  std::set<std::string> wanted;
  for (const auto& t : config.targets) {
    const std::string name = projectionName(t, model.config().layout);
    if (!available.count(name)) {
      std::string list;
      for (const auto& a : available) list += (list.empty() ? "" : ", ") + a;
      throw Error(where + ": \"" + t + "\" is not a projection of this " +
                  std::string(toString(model.config().layout)) + " model (it has: " + list + ")");
    }
    wanted.insert(name);
  }
  for (auto& p : model.parameters()) p.requires_grad_(false);
  std::vector<std::string> adapted;
  for (auto& [path, p] : all) {
    if (!wanted.count(lastComponent(path))) continue;
    p->attachAdapter({config.rank, config.alpha, config.dropout});
    adapted.push_back(path);
  }
  return adapted;
}

void mergeLora(CausalLMImpl& model) {
  for (auto& [path, p] : projections(model)) p->mergeAdapter();
  for (auto& p : model.parameters()) p.requires_grad_(true);
}

void saveLoraAdapter(const std::string& dir, CausalLMImpl& model, const LoraConfig& config,
                     const std::string& baseModel) {
  std::vector<NamedTensor> tensors;
  std::set<std::string> targets;
  for (auto& [path, p] : projections(model)) {
    if (!p->hasAdapter()) continue;
    tensors.push_back({kPeftPrefix + path + ".lora_A.weight", p->loraA.detach().to(torch::kFloat)});
    tensors.push_back({kPeftPrefix + path + ".lora_B.weight", p->loraB.detach().to(torch::kFloat)});
    targets.insert(lastComponent(path));
  }
  if (tensors.empty()) throw Error(dir + ": the model has no LoRA adapters to save");
  const Json adapterConfig = {{"peft_type", "LORA"},
                              {"task_type", "CAUSAL_LM"},
                              {"r", config.rank},
                              {"lora_alpha", config.alpha},
                              {"lora_dropout", config.dropout},
                              {"target_modules", std::vector<std::string>(targets.begin(), targets.end())},
                              {"bias", "none"},
                              {"fan_in_fan_out", false},
                              {"inference_mode", true},
                              {"init_lora_weights", true},
                              {"modules_to_save", nullptr},
                              {"base_model_name_or_path", baseModel}};
  const std::string staged = dir + ".staging-" + std::to_string(::getpid());
  fs::remove_all(staged);
  fs::create_directories(staged);
  try {
    writeJsonFileAtomic(staged + "/adapter_config.json", adapterConfig);
    writeSafetensors(staged + "/adapter_model.safetensors", tensors);
    replaceDirAtomic(staged, dir);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staged, ec);
    throw;
  }
}

LoraConfig loadLoraAdapter(const std::string& dir, CausalLMImpl& model) {
  const std::string configPath = (fs::path(dir) / "adapter_config.json").string();
  const std::string weightsPath = (fs::path(dir) / "adapter_model.safetensors").string();
  const Json j = readJsonFile(configPath);
  if (optionalField<std::string>(j, "peft_type", "LORA", configPath) != "LORA")
    throw fileError(configPath, "field 'peft_type': only LORA adapters are supported");
  LoraConfig c;
  c.rank = requireField<int64_t>(j, "r", configPath);
  c.alpha = requireField<double>(j, "lora_alpha", configPath);
  c.dropout = optionalField<double>(j, "lora_dropout", 0.0, configPath);
  const Json targets = j.value("target_modules", Json());
  if (!targets.is_array() || targets.empty() ||
      !std::all_of(targets.begin(), targets.end(), [](const Json& t) { return t.is_string(); }))
    throw fileError(configPath, "field 'target_modules': expected a list of projection names");
  c.targets = targets.get<std::vector<std::string>>();
  attachLora(model, c, configPath + ": field 'target_modules'");
  const TensorMap tensors = readSafetensors(weightsPath);
  torch::NoGradGuard noGrad;
  size_t used = 0;
  for (auto& [path, p] : projections(model)) {
    if (!p->hasAdapter()) continue;
    for (auto [suffix, param] : {std::pair<const char*, torch::Tensor>{".lora_A.weight", p->loraA},
                                 std::pair<const char*, torch::Tensor>{".lora_B.weight", p->loraB}}) {
      const std::string name = kPeftPrefix + path + suffix;
      auto it = tensors.find(name);
      if (it == tensors.end()) throw fileError(weightsPath, "missing tensor '" + name + "'");
      if (it->second.sizes() != param.sizes())
        throw fileError(weightsPath, "tensor '" + name + "' has shape " + c10::str(it->second.sizes()) +
                                         ", the model needs " + c10::str(param.sizes()));
      param.copy_(it->second);
      ++used;
    }
  }
  if (used != tensors.size())
    throw fileError(weightsPath, "holds " + std::to_string(tensors.size()) + " tensors, " + std::to_string(used) +
                                     " of which match adapted projections of this model");
  return c;
}

}  // namespace mindllm::sft
