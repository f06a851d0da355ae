#pragma once
// From a job to what the trainer trains, in two halves so `--check` can stop after the first:
//   prepareSftData  reads and checks every record of the train and validation files, splits off
//                   validation, encodes with the base model's tokenizer and chat template, packs;
//   buildSftInputs  loads the base model, attaches LoRA (freezing the base) or trains it whole,
//                   and wraps the sequences in batch sources.
// Errors of the first half are the user's input (bad config or data); the second half's are not.
#include <torch/torch.h>

#include <memory>

#include "core/tokenizer/chat_template.h"
#include "core/tokenizer/tokenizer.h"
#include "training/sft/sft_config.h"
#include "training/sft/training_sequences.h"
#include "training/trainer/trainer.h"

namespace mindllm::sft {

struct SftData {
  std::shared_ptr<Tokenizer> tokenizer;
  ChatTemplate chatTemplate = ChatTemplate::byName("mindllm");
  TrainingSequences train, val;
  int64_t trainSamples = 0, valSamples = 0;
};

SftData prepareSftData(const SftJob& job);

// Sets max_steps from sft.epochs and eval.batches from the validation set when the job leaves
// them to the data (updating job.run and job.resolved).
void fitScheduleToData(SftJob& job, const SftData& data, int worldSize);

// `adapted` receives the adapted module paths (LoRA) for the log.
train::TrainerInputs buildSftInputs(const SftJob& job, SftData data, int rank, int worldSize,
                                    std::vector<std::string>* adapted = nullptr);

}  // namespace mindllm::sft
