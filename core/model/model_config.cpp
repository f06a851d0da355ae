#include "core/model/model_config.h"

#include "core/util/error.h"

namespace mindllm {

const char* toString(Layout layout) { return layout == Layout::GptNeo ? "gpt_neo" : "llama"; }

namespace {

// GPT-Neo's attention_types: [[["global", "local"], 12]] expands to 24 alternating layers.
std::vector<std::string> expandAttentionTypes(const Json& types, const std::string& where) {
  std::vector<std::string> layers;
  if (!types.is_array()) throw Error(where + ": field 'attention_types' must be a list");
  for (const auto& item : types) {
    if (!item.is_array() || item.size() != 2 || !item[0].is_array() || !item[1].is_number_integer())
      throw Error(where + ": field 'attention_types' must look like [[[\"global\",\"local\"], 12]]");
    for (int r = 0; r < item[1].get<int>(); ++r)
      for (const auto& kind : item[0]) {
        const std::string k = kind.get<std::string>();
        if (k != "global" && k != "local")
          throw Error(where + ": field 'attention_types': unknown attention kind '" + k + "'");
        layers.push_back(k);
      }
  }
  return layers;
}

int tokenIdField(const Json& j, const std::string& key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return -1;
  if (it->is_array()) return it->empty() ? -1 : (*it)[0].get<int>();  // some configs list several EOS ids
  return optionalField<int>(j, key, -1, where);
}

void readGptNeo(ModelConfig& c, const Json& j, const std::string& where) {
  c.layout = Layout::GptNeo;
  c.hiddenSize = requireField<int>(j, "hidden_size", where);
  c.numLayers = requireField<int>(j, "num_layers", where);
  c.numHeads = requireField<int>(j, "num_heads", where);
  c.numKvHeads = c.numHeads;
  c.intermediateSize = optionalField<int>(j, "intermediate_size", 4 * c.hiddenSize, where);
  c.maxPositions = optionalField<int>(j, "max_position_embeddings", 2048, where);
  c.windowSize = optionalField<int>(j, "window_size", 256, where);
  c.layerNormEps = optionalField<double>(j, "layer_norm_epsilon", 1e-5, where);
  c.activation = optionalField<std::string>(j, "activation_function", "gelu_new", where);
  c.embedDropout = optionalField<double>(j, "embed_dropout", 0.0, where);
  c.attentionDropout = optionalField<double>(j, "attention_dropout", 0.0, where);
  c.residDropout = optionalField<double>(j, "resid_dropout", 0.0, where);
  if (j.contains("attention_types"))
    c.attentionLayers = expandAttentionTypes(j["attention_types"], where);
  else if (j.contains("attention_layers"))
    c.attentionLayers = j["attention_layers"].get<std::vector<std::string>>();
  else
    c.attentionLayers.assign(static_cast<size_t>(c.numLayers), "global");
  if (static_cast<int>(c.attentionLayers.size()) != c.numLayers)
    throw Error(where + ": 'attention_types' describes " + std::to_string(c.attentionLayers.size()) +
                " layers but 'num_layers' is " + std::to_string(c.numLayers));
  if (c.activation != "gelu_new" && c.activation != "gelu" && c.activation != "relu" && c.activation != "silu")
    throw Error(where + ": field 'activation_function': unsupported activation '" + c.activation + "'");
}

void readLlama(ModelConfig& c, const Json& j, const std::string& where) {
  c.layout = Layout::Llama;
  c.hiddenSize = requireField<int>(j, "hidden_size", where);
  c.numLayers = requireField<int>(j, "num_hidden_layers", where);
  c.numHeads = requireField<int>(j, "num_attention_heads", where);
  c.numKvHeads = optionalField<int>(j, "num_key_value_heads", c.numHeads, where);
  c.intermediateSize = requireField<int>(j, "intermediate_size", where);
  c.maxPositions = optionalField<int>(j, "max_position_embeddings", 2048, where);
  c.rmsNormEps = optionalField<double>(j, "rms_norm_eps", 1e-6, where);
  c.attentionBias = optionalField<bool>(j, "attention_bias", false, where);
  c.mlpBias = optionalField<bool>(j, "mlp_bias", false, where);
  c.attentionDropout = optionalField<double>(j, "attention_dropout", 0.0, where);
  // Newer transformers keep rope_theta inside rope_parameters.
  c.ropeTheta = optionalField<double>(j, "rope_theta", 10000.0, where);
  for (const char* key : {"rope_scaling", "rope_parameters"}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_object()) throw Error(where + ": field '" + std::string(key) + "' must be an object");
    const std::string type = it->value("rope_type", it->value("type", std::string("default")));
    if (type != "default")
      throw Error(where + ": field '" + std::string(key) + "': rope type '" + type + "' is not supported");
    if (it->contains("rope_theta")) c.ropeTheta = (*it)["rope_theta"].get<double>();
  }
  const std::string act = optionalField<std::string>(j, "hidden_act", "silu", where);
  if (act != "silu") throw Error(where + ": field 'hidden_act': only 'silu' is supported for llama, got '" + act + "'");
  c.activation = act;
}

}  // namespace

ModelConfig ModelConfig::fromJson(const Json& j, const std::string& where) {
  if (!j.is_object()) throw Error(where + ": expected a JSON object");
  ModelConfig c;
  const std::string type = optionalField<std::string>(j, "model_type", "", where);
  if (type == "gpt_neo")
    readGptNeo(c, j, where);
  else if (type == "llama")
    readLlama(c, j, where);
  else
    throw Error(where + ": field 'model_type': unknown architecture '" + type +
                "' (supported: gpt_neo, llama)");
  c.vocabSize = requireField<int>(j, "vocab_size", where);
  c.headDim = optionalField<int>(j, "head_dim", c.numHeads > 0 ? c.hiddenSize / c.numHeads : 0, where);
  c.tieWordEmbeddings = optionalField<bool>(j, "tie_word_embeddings", c.layout == Layout::GptNeo, where);
  c.bosTokenId = tokenIdField(j, "bos_token_id", where);
  c.eosTokenId = tokenIdField(j, "eos_token_id", where);
  c.padTokenId = tokenIdField(j, "pad_token_id", where);
  c.torchDtype = optionalField<std::string>(j, "torch_dtype", optionalField<std::string>(j, "dtype", "float32", where), where);
  c.initializerRange = optionalField<double>(j, "initializer_range", 0.02, where);
  c.original = j;
  c.validate(where);
  return c;
}

ModelConfig ModelConfig::fromFile(const std::string& path) { return fromJson(readJsonFile(path), path); }

void ModelConfig::validate(const std::string& where) const {
  auto positive = [&](int v, const char* field) {
    if (v <= 0) throw Error(where + ": field '" + field + "' must be positive, got " + std::to_string(v));
  };
  positive(vocabSize, "vocab_size");
  positive(hiddenSize, "hidden_size");
  positive(numLayers, layout == Layout::GptNeo ? "num_layers" : "num_hidden_layers");
  positive(numHeads, layout == Layout::GptNeo ? "num_heads" : "num_attention_heads");
  positive(intermediateSize, "intermediate_size");
  positive(maxPositions, "max_position_embeddings");
  if (layout == Layout::GptNeo && hiddenSize % numHeads != 0)
    throw Error(where + ": 'hidden_size' " + std::to_string(hiddenSize) + " is not divisible by 'num_heads' " +
                std::to_string(numHeads));
  if (numKvHeads <= 0 || numHeads % numKvHeads != 0)
    throw Error(where + ": 'num_key_value_heads' " + std::to_string(numKvHeads) + " must divide 'num_attention_heads' " +
                std::to_string(numHeads));
  if (headDim <= 0 || (layout == Layout::Llama && headDim % 2 != 0))
    throw Error(where + ": 'head_dim' must be positive (and even for rotary embeddings), got " + std::to_string(headDim));
}

Json ModelConfig::toJson() const {
  Json j = original.is_object() ? original : Json::object();
  j["model_type"] = toString(layout);
  j["vocab_size"] = vocabSize;
  j["hidden_size"] = hiddenSize;
  j["max_position_embeddings"] = maxPositions;
  j["tie_word_embeddings"] = tieWordEmbeddings;
  j["initializer_range"] = initializerRange;
  j["torch_dtype"] = torchDtype;
  j["use_cache"] = true;
  if (bosTokenId >= 0) j["bos_token_id"] = bosTokenId;
  if (eosTokenId >= 0) j["eos_token_id"] = eosTokenId;
  if (padTokenId >= 0) j["pad_token_id"] = padTokenId;
  if (layout == Layout::GptNeo) {
    j["architectures"] = {"GPTNeoForCausalLM"};
    j["num_layers"] = numLayers;
    j["num_heads"] = numHeads;
    j["intermediate_size"] = intermediateSize;
    j["window_size"] = windowSize;
    j["layer_norm_epsilon"] = layerNormEps;
    j["activation_function"] = activation;
    j["embed_dropout"] = embedDropout;
    j["attention_dropout"] = attentionDropout;
    j["resid_dropout"] = residDropout;
    // Store the per-layer kinds in HF's compressed form: one [[kind], 1] entry per layer.
    Json types = Json::array();
    for (const auto& kind : attentionLayers) types.push_back(Json::array({Json::array({kind}), 1}));
    j["attention_types"] = types;
    j["attention_layers"] = attentionLayers;
  } else {
    j["architectures"] = {"LlamaForCausalLM"};
    j["num_hidden_layers"] = numLayers;
    j["num_attention_heads"] = numHeads;
    j["num_key_value_heads"] = numKvHeads;
    j["head_dim"] = headDim;
    j["intermediate_size"] = intermediateSize;
    j["rms_norm_eps"] = rmsNormEps;
    j["rope_theta"] = ropeTheta;
    j["attention_bias"] = attentionBias;
    j["mlp_bias"] = mlpBias;
    j["hidden_act"] = "silu";
    j["attention_dropout"] = attentionDropout;
    j.erase("rope_parameters");
    j["rope_scaling"] = nullptr;
  }
  return j;
}

bool ModelConfig::isLocalLayer(int layer) const {
  return layout == Layout::GptNeo && layer < static_cast<int>(attentionLayers.size()) &&
         attentionLayers[static_cast<size_t>(layer)] == "local";
}

int64_t ModelConfig::parameterCount() const {
  const int64_t h = hiddenSize, v = vocabSize, f = intermediateSize, L = numLayers;
  int64_t perLayer = 0, extra = 0;
  if (layout == Layout::GptNeo) {
    perLayer = 4 * h * h + h /*out bias*/ + 2 * h * f + f + h /*mlp biases*/ + 4 * h /*two layernorms*/;
    extra = static_cast<int64_t>(maxPositions) * h + 2 * h;
  } else {
    const int64_t q = static_cast<int64_t>(numHeads) * headDim, kv = static_cast<int64_t>(numKvHeads) * headDim;
    perLayer = h * q + 2 * h * kv + q * h + 3 * h * f + 2 * h;
    if (attentionBias) perLayer += q + 2 * kv + h;
    if (mlpBias) perLayer += 2 * f + h;
    extra = h;
  }
  return v * h * (tieWordEmbeddings ? 1 : 2) + L * perLayer + extra;
}

}  // namespace mindllm
