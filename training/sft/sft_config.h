#pragma once
// The job file of `mindllm-cli sft` and `mindllm-cli finetune` (docs/FINETUNING.md): the
// trainer's run config (docs/TRAINING.md) plus an "sft" object. Both commands read the same
// schema; only the defaults differ (sft: full fine-tuning; finetune: LoRA).
//
// The flat names of the job-manager contract are accepted beside the nested ones (init_from for
// model.init_from, tokenizer_dir, seq_len, micro_batch, grad_accum, lr, max_steps, warmup_steps,
// eval_every, checkpoint_every, resume, ...), in the file and in --set; giving both spellings of
// one field is an error. Unknown fields, wrong kinds and bad values are errors naming the file
// and the field. Relative paths are relative to the job file's folder.
#include <string>
#include <vector>

#include "core/util/json_file.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/example_encoder.h"
#include "training/sft/lora.h"
#include "training/trainer/run_config.h"

namespace mindllm::sft {

struct SftOptions {
  std::string trainFile, valFile;  // absolute
  DatasetFormat format = DatasetFormat::Auto;
  double valFraction = 0.05;  // held out from train_file when val_file is empty
  bool pack = true;
  std::string systemPrompt;   // for conversations without one; "" = the domain pack's, else none
  std::string domain;         // "" or a pack in domains/ ("law", "finance")
  std::string method;         // "full" or "lora"
  LoraConfig lora;
  double epochs = 0;          // > 0: max_steps from the data size
  bool evalBatchesGiven = false;  // else validation covers the whole validation set
  SystemPrompt prompts;       // resolved from system_prompt / domain
};

struct SftJob {
  train::RunConfig run;
  SftOptions sft;
  Json resolved;  // run.resolved plus the resolved "sft" object
};

// The "sft" object's defaults for a command ("full" for sft, "lora" for finetune).
Json sftDefaults(const std::string& method);

SftJob loadSftJob(const std::string& path, const std::vector<std::string>& overrides, const std::string& defaultMethod);
SftJob sftJobFromJson(const Json& json, const std::string& where, const std::string& baseDir,
                      const std::vector<std::string>& overrides, const std::string& defaultMethod);

}  // namespace mindllm::sft
