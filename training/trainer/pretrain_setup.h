#pragma once
// Turns a run config into what the trainer trains for pretraining: the tokenizer, the model
// (a preset, an HF config or an existing model folder), shard batch sources for training and
// validation. Every check that can fail does so here, before the model is allocated: sequence
// longer than the model's window, shards made with another tokenizer or a larger vocabulary, a
// missing validation split, a batch that cannot fit in the device's memory.
#include <torch/torch.h>

#include <cstdint>

#include "core/model/model_config.h"
#include "training/trainer/run_config.h"
#include "training/trainer/trainer.h"

namespace mindllm::train {

// The model shape a config asks for (vocabulary from the tokenizer for presets).
ModelConfig resolveModelConfig(const RunConfig& config, const Tokenizer& tokenizer);

// Bytes a training step needs on one device: weights, gradients and AdamW state (divided over
// ranks with ZeRO-1) plus activations and logits for one micro-batch. An estimate (within ~30%
// on the presets), used only to refuse hopeless configs.
int64_t estimateTrainingBytes(const ModelConfig& model, int64_t microBatch, int64_t seqLen, bool bf16,
                              bool activationCheckpointing, int zeroShards);

TrainerInputs buildPretrainInputs(const RunConfig& config, int rank, int worldSize, const torch::Device& device,
                                  bool bf16);

}  // namespace mindllm::train
