#include "training/sft/sft_setup.h"

#include <cmath>
#include <filesystem>

#include "core/io/model_folder.h"
#include "core/io/weights.h"
#include "core/util/error.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/lora.h"
#include "training/sft/sequence_batch_source.h"
#include "training/sft/validation_split.h"

namespace fs = std::filesystem;

namespace mindllm::sft {
namespace {

std::vector<EncodedExample> encodeAll(const ExampleEncoder& encoder, const std::vector<Conversation>& samples) {
  std::vector<EncodedExample> out;
  out.reserve(samples.size());
  for (const auto& c : samples) out.push_back(encoder.encode(c));
  return out;
}

}  // namespace

SftData prepareSftData(const SftJob& job) {
  const SftOptions& o = job.sft;
  SftData d;
  std::vector<Conversation> train = readConversations(o.trainFile, o.format), val;
  if (!o.valFile.empty()) {
    val = readConversations(o.valFile, o.format);
  } else {
    Split split = splitForValidation(std::move(train), o.valFraction, job.run.seed);
    train = std::move(split.train);
    val = std::move(split.val);
  }
  if (train.empty()) throw fileError(o.trainFile, "no training samples are left after the validation split");
  d.trainSamples = static_cast<int64_t>(train.size());
  d.valSamples = static_cast<int64_t>(val.size());

  d.tokenizer = loadTokenizer(job.run.tokenizerDir);
  d.chatTemplate = ChatTemplate::byName(job.run.chatTemplate);
  const ExampleEncoder encoder(*d.tokenizer, d.chatTemplate, o.prompts);
  const TokenId pad = d.tokenizer->padId().value_or(d.tokenizer->eosId().value_or(0));
  d.train = buildTrainingSequences(encodeAll(encoder, train), job.run.seqLen, o.pack, pad);
  if (d.train.count() == 0)
    throw fileError(o.trainFile, "no sample has a reply token within data.seq_len " + std::to_string(job.run.seqLen));
  if (!val.empty()) d.val = buildTrainingSequences(encodeAll(encoder, val), job.run.seqLen, o.pack, pad);
  return d;
}

void fitScheduleToData(SftJob& job, const SftData& data, int worldSize) {
  auto& run = job.run;
  if (job.sft.epochs > 0) {
    const double perStep = static_cast<double>(run.microBatch * run.gradAccum * worldSize);
    run.maxSteps = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(job.sft.epochs * data.train.count() / perStep)));
    job.resolved["schedule"]["max_steps"] = run.maxSteps;
    run.resolved["schedule"]["max_steps"] = run.maxSteps;
    if (run.warmupSteps > run.maxSteps) run.warmupSteps = run.maxSteps;
  }
  if (!job.sft.evalBatchesGiven && data.val.count() > 0) {
    const int64_t perBatch = run.microBatch * worldSize;
    run.evalBatches = (data.val.count() + perBatch - 1) / perBatch;
    job.resolved["eval"]["batches"] = run.evalBatches;
    run.resolved["eval"]["batches"] = run.evalBatches;
  }
}

train::TrainerInputs buildSftInputs(const SftJob& job, SftData data, int rank, int worldSize,
                                    std::vector<std::string>* adapted) {
  const auto& run = job.run;
  train::TrainerInputs in;
  ModelConfig config = ModelConfig::fromFile((fs::path(run.initFrom) / "config.json").string());
  if (config.vocabSize < data.tokenizer->vocabSize())
    throw fileError(run.initFrom, "the model's vocab_size " + std::to_string(config.vocabSize) + " is smaller than the " +
                                      std::to_string(data.tokenizer->vocabSize()) + " tokens of " + run.tokenizerDir);
  in.model = createCausalLM(config);
  {
    std::map<std::string, std::string> origin;
    const TensorMap weights = readWeights(findWeightFiles(run.initFrom), &origin);
    torch::NoGradGuard noGrad;
    loadWeightsInto(*in.model, weights, origin, run.initFrom);
  }
  in.model->to(torch::kFloat);  // master weights in fp32 (bf16 autocast on CUDA)

  const bool lora = job.sft.method == "lora";
  if (lora) {
    torch::manual_seed(run.seed);  // adapter initialisation depends on the seed only
    const auto paths = attachLora(*in.model, job.sft.lora, run.where + ": field 'sft.lora.targets'");
    if (adapted) *adapted = paths;
  }
  in.tokenizer = data.tokenizer;
  const auto seed = run.seed;
  in.train = std::make_unique<SequenceBatchSource>(std::move(data.train), run.shuffle, /*cycle=*/true, seed, rank,
                                                   worldSize);
  if (data.val.count() > 0) {
    auto val = std::make_shared<TrainingSequences>(std::move(data.val));
    in.makeValidation = [val, seed, rank, worldSize]() -> std::unique_ptr<train::BatchSource> {
      return std::make_unique<SequenceBatchSource>(*val, /*shuffle=*/false, /*cycle=*/false, seed, rank, worldSize);
    };
  }
  if (lora) {
    CausalLM model = in.model;
    auto tokenizer = data.tokenizer;
    const ChatTemplate chatTemplate = data.chatTemplate;
    const LoraConfig loraConfig = job.sft.lora;
    const std::string outputDir = run.outputDir, base = run.initFrom;
    // The adapter on its own, then the base with the adapter merged as the final model.
    in.writeFinalModel = [model, tokenizer, chatTemplate, loraConfig, outputDir, base, config](const std::string& dir) mutable {
      saveLoraAdapter((fs::path(outputDir) / "adapter").string(), *model, loraConfig, base);
      mergeLora(*model);
      saveModelFolder(dir, config, model, *tokenizer, chatTemplate);
    };
  }
  return in;
}

}  // namespace mindllm::sft
