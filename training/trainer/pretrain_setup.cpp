#include "training/trainer/pretrain_setup.h"

#include <filesystem>

#include "core/compat/distributed_compat.h"
#include "core/io/weights.h"
#include "core/util/error.h"
#include "training/data/shard_format.h"
#include "training/trainer/shard_batch_source.h"
#include "training/trainer/train_metrics.h"

namespace fs = std::filesystem;

namespace mindllm::train {
namespace {

std::string gib(int64_t bytes) {
  std::ostringstream s;
  s.precision(3);
  s << static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0) << " GiB";
  return s.str();
}

void checkShards(const RunConfig& config, const ShardBatchSource& source, const std::vector<DataSource>& folders,
                 const ModelConfig& model, const std::string& tokenizerHash) {
  for (size_t i = 0; i < folders.size(); ++i) {
    const ShardSetInfo& info = source.info()[i];
    const std::string meta = (fs::path(folders[i].path) / "meta.json").string();
    if (!info.tokenizerHash.empty() && info.tokenizerHash != tokenizerHash)
      throw fileError(meta, "these shards were made with another tokenizer (hash " + info.tokenizerHash +
                                ") than model.tokenizer " + config.tokenizerDir + " (hash " + tokenizerHash +
                                "): pretokenize again with that tokenizer");
    if (info.vocabSize > model.vocabSize)
      throw fileError(meta, "vocabulary of " + std::to_string(info.vocabSize) +
                                " tokens is larger than the model's vocab_size " + std::to_string(model.vocabSize));
  }
}

}  // namespace

ModelConfig resolveModelConfig(const RunConfig& config, const Tokenizer& tokenizer) {
  ModelConfig m;
  if (!config.modelPreset.empty()) {
    m = presetConfig(config.modelPreset, tokenizer.vocabSize());
  } else if (!config.modelConfig.is_null()) {
    m = ModelConfig::fromJson(config.modelConfig, config.where + ": model.config");
  } else {
    m = ModelConfig::fromFile((fs::path(config.initFrom) / "config.json").string());
  }
  if (m.eosTokenId < 0 && tokenizer.eosId()) m.eosTokenId = *tokenizer.eosId();
  if (m.bosTokenId < 0 && tokenizer.bosId()) m.bosTokenId = *tokenizer.bosId();
  if (m.bosTokenId < 0) m.bosTokenId = m.eosTokenId;
  if (m.vocabSize < tokenizer.vocabSize())
    throw fileError(config.where, "the model's vocab_size " + std::to_string(m.vocabSize) + " is smaller than the " +
                                      std::to_string(tokenizer.vocabSize()) + " tokens of " + config.tokenizerDir);
  m.validate(config.where + ": model");
  return m;
}

int64_t estimateTrainingBytes(const ModelConfig& m, int64_t microBatch, int64_t seqLen, bool bf16,
                              bool activationCheckpointing, int zeroShards) {
  const double params = static_cast<double>(m.parameterCount());
  const double states = params * (4 + 4 + 8.0 / std::max(1, zeroShards));  // fp32 weights, grads, AdamW m and v
  const double tokens = static_cast<double>(microBatch * seqLen), h = m.hiddenSize;
  const double elem = bf16 ? 2.0 : 4.0;
  // Per layer, per token: ~17 h + 2.5 heads T saved elements (Korthikanti et al. 2022, no dropout).
  const double perLayer = tokens * (17.0 * h + 2.5 * m.numHeads * static_cast<double>(seqLen)) * elem;
  const double layers = activationCheckpointing ? m.numLayers * tokens * h * elem + perLayer : m.numLayers * perLayer;
  const double logits = tokens * m.vocabSize * 4.0 * 3.0;  // fp32 logits, softmax, their gradient
  return static_cast<int64_t>(states + layers + logits);
}

TrainerInputs buildPretrainInputs(const RunConfig& config, int rank, int worldSize, const torch::Device& device,
                                  bool bf16) {
  if (config.train.empty()) throw fileError(config.where, "field 'data.train': at least one shard folder is required");
  TrainerInputs in;
  std::shared_ptr<Tokenizer> tokenizer = loadTokenizer(config.tokenizerDir);
  const ModelConfig modelConfig = resolveModelConfig(config, *tokenizer);
  if (config.seqLen > modelConfig.maxPositions)
    throw fileError(config.where, "field 'data.seq_len': " + std::to_string(config.seqLen) +
                                      " is longer than the model's context window of " +
                                      std::to_string(modelConfig.maxPositions) + " tokens");
  const std::string tokenizerHash = data::hexHash(data::hashTokenizerFolder(config.tokenizerDir));

  auto train = std::make_unique<ShardBatchSource>(config.train, "train", config.seqLen, config.shuffle, config.seed,
                                                  rank, worldSize);
  checkShards(config, *train, config.train, modelConfig, tokenizerHash);
  if (config.evalEvery > 0) {
    const std::vector<DataSource> val = config.val.empty() ? config.train : config.val;
    auto make = [val, config, rank, worldSize]() -> std::unique_ptr<BatchSource> {
      // In file order, so every evaluation scores the same windows.
      return std::make_unique<ShardBatchSource>(val, "val", config.seqLen, false, config.seed, rank, worldSize);
    };
    std::unique_ptr<BatchSource> probe;
    try {
      probe = make();
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (validation: set data.val, or eval.every 0)");
    }
    checkShards(config, static_cast<ShardBatchSource&>(*probe), val, modelConfig, tokenizerHash);
    in.makeValidation = make;
  }

  const int shards = config.zero1 ? worldSize : 1;
  const int64_t need = estimateTrainingBytes(modelConfig, config.microBatch, config.seqLen, bf16,
                                             config.activationCheckpointing, shards);
  const int64_t have = device.is_cuda() ? compat::cudaTotalMemoryBytes(device.index()) : availableMemoryBytes();
  if (have > 0 && need > have)
    throw fileError(config.where, "batch.micro_batch " + std::to_string(config.microBatch) + " x data.seq_len " +
                                      std::to_string(config.seqLen) + " needs about " + gib(need) + " on " +
                                      device.str() + ", which has " + gib(have) +
                                      ": lower batch.micro_batch (raise batch.grad_accum to keep the batch), "
                                      "turn on model.activation_checkpointing or distributed.zero1");

  in.model = createCausalLM(modelConfig);
  if (!config.initFrom.empty()) {
    std::map<std::string, std::string> origin;
    const TensorMap weights = readWeights(findWeightFiles(config.initFrom), &origin);
    torch::NoGradGuard noGrad;
    loadWeightsInto(*in.model, weights, origin, config.initFrom);
  } else {
    in.model->initWeights(config.seed);
  }
  in.tokenizer = tokenizer;
  in.train = std::move(train);
  return in;
}

}  // namespace mindllm::train
