#include "core/io/model_folder.h"

#include <unistd.h>

#include <filesystem>

#include "core/io/weights.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm {

LoadedModel::LoadedModel(std::string dir, ModelConfig config, CausalLM model, std::unique_ptr<Tokenizer> tokenizer,
                         ChatTemplate chatTemplate, DeviceSpec device)
    : dir_(std::move(dir)), config_(std::move(config)), model_(std::move(model)), tokenizer_(std::move(tokenizer)),
      chatTemplate_(std::move(chatTemplate)), device_(std::move(device)) {}

namespace {

torch::ScalarType dtypeFromName(const std::string& name) {
  if (name == "float32") return torch::kFloat;
  if (name == "bfloat16") return torch::kBFloat16;
  if (name == "float16") return torch::kHalf;
  throw Error("unknown dtype '" + name + "'");
}

std::string dtypeName(torch::ScalarType type) {
  return type == torch::kBFloat16 ? "bfloat16" : type == torch::kHalf ? "float16" : "float32";
}

std::string chatTemplateName(const std::string& dir) {
  const auto path = fs::path(dir) / "tokenizer_config.json";
  if (!fs::exists(path)) return "mindllm";
  const Json j = readJsonFile(path.string());
  return optionalField<std::string>(j, "mindllm_chat_template", "mindllm", path.string());
}

ModelConfig readConfig(const std::string& dir) {
  const auto path = fs::path(dir) / "config.json";
  if (!fs::exists(path)) throw Error(dir + ": not a model folder (no config.json)");
  return ModelConfig::fromFile(path.string());
}

// Reads the dtype of the stored weights from the first safetensors header (cheap) or config.json.
std::string storedDtype(const WeightFiles& files, const ModelConfig& config) {
  if (files.format.rfind("safetensors", 0) == 0) {
    const auto tensors = readSafetensors(files.files.front());  // maps only; no data is copied
    if (!tensors.empty()) return dtypeName(tensors.begin()->second.scalar_type());
  }
  return config.torchDtype;
}

}  // namespace

ModelFolderInfo inspectModelFolder(const std::string& dir) {
  ModelFolderInfo info;
  info.dir = dir;
  const ModelConfig config = readConfig(dir);
  const WeightFiles files = findWeightFiles(dir);
  const auto tokenizer = loadTokenizer(dir);
  info.name = fs::path(dir).filename().string();
  if (info.name.empty()) info.name = fs::path(dir).parent_path().filename().string();
  info.layout = toString(config.layout);
  info.parameters = config.parameterCount();
  info.dtype = storedDtype(files, config);
  info.weightsFormat = files.format;
  info.tokenizerKind = tokenizer->kind();
  info.chatTemplate = chatTemplateName(dir);
  ChatTemplate::byName(info.chatTemplate);  // validates the name
  info.contextLength = config.maxPositions;
  info.vocabSize = config.vocabSize;
  if (tokenizer->vocabSize() > config.vocabSize)
    throw Error(dir + ": the tokenizer has " + std::to_string(tokenizer->vocabSize()) +
                " tokens but config.json's vocab_size is " + std::to_string(config.vocabSize));
  return info;
}

std::shared_ptr<LoadedModel> loadModelFolder(const std::string& dir, const DeviceSpec& device) {
  ModelConfig config = readConfig(dir);
  const auto files = findWeightFiles(dir);  // fail fast, before any file is parsed
  auto tokenizer = loadTokenizer(dir);
  if (tokenizer->vocabSize() > config.vocabSize)
    throw Error(dir + ": the tokenizer has " + std::to_string(tokenizer->vocabSize()) +
                " tokens but config.json's vocab_size is " + std::to_string(config.vocabSize));
  auto chatTemplate = ChatTemplate::byName(chatTemplateName(dir));
  CausalLM model = createCausalLM(config);
  {
    std::map<std::string, std::string> origin;
    const auto tensors = readWeights(files, &origin);
    loadWeightsInto(*model, tensors, origin, dir);
  }
  model->to(torch::Device(device.device), dtypeFromName(device.resolvedDtype()));
  model->eval();
  return std::make_shared<LoadedModel>(dir, std::move(config), std::move(model), std::move(tokenizer),
                                       std::move(chatTemplate), device);
}

void saveModelFolder(const std::string& dir, const ModelConfig& config, CausalLM& model, const Tokenizer& tokenizer,
                     const ChatTemplate& chatTemplate) {
  if (fs::exists(dir) && !fs::exists(fs::path(dir) / "config.json") && !fs::is_empty(dir))
    throw Error(dir + ": exists and is not a model folder; refusing to replace it");
  const std::string staged = dir + ".staging-" + std::to_string(::getpid());
  fs::remove_all(staged);
  fs::create_directories(staged);
  try {
    const auto dtype = model->parameters().front().scalar_type();
    ModelConfig out = config;
    out.torchDtype = dtypeName(dtype);
    writeJsonFileAtomic(staged + "/config.json", out.toJson());
    writeSafetensors(staged + "/model.safetensors", stateDict(*model, dtype));
    tokenizer.save(staged);
    // Remember the chat format with the model.
    const std::string tcPath = staged + "/tokenizer_config.json";
    Json tc = fs::exists(tcPath) ? readJsonFile(tcPath) : Json::object();
    tc["mindllm_chat_template"] = chatTemplate.name();
    tc["model_max_length"] = config.maxPositions;
    writeJsonFileAtomic(tcPath, tc);
    Json gen = {{"_from_model_config", true}};
    if (config.bosTokenId >= 0) gen["bos_token_id"] = config.bosTokenId;
    if (config.eosTokenId >= 0) gen["eos_token_id"] = config.eosTokenId;
    writeJsonFileAtomic(staged + "/generation_config.json", gen);
    replaceDirAtomic(staged, dir);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staged, ec);
    throw;
  }
}

void initModelFolder(const std::string& dir, const std::string& preset, const std::string& tokenizerDir, uint64_t seed,
                     const std::string& chatTemplate) {
  auto tokenizer = loadTokenizer(tokenizerDir);
  ModelConfig config = presetConfig(preset, tokenizer->vocabSize());
  if (auto eos = tokenizer->eosId()) config.eosTokenId = *eos;
  if (auto bos = tokenizer->bosId()) config.bosTokenId = *bos;
  CausalLM model = createCausalLM(config);
  model->initWeights(seed);
  saveModelFolder(dir, config, model, *tokenizer, ChatTemplate::byName(chatTemplate));
}

}  // namespace mindllm
