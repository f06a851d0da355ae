#pragma once
// The instruction-set construction of the MindLLM paper for small models: a sample's score is the
// model's own mean cross-entropy (nats per token) on the sample's reply tokens, given the prompt.
// Trivial samples (repetition, a reply that copies the prompt, boilerplate the model knows) score
// very low; noisy ones (random characters, a reply to another question) very high.
#include <torch/torch.h>

#include <functional>
#include <vector>

#include "core/io/model_folder.h"
#include "core/model/causal_lm.h"
#include "training/sft/conversation.h"
#include "training/sft/example_encoder.h"

namespace mindllm::sft {

struct ScoringOptions {
  int64_t batchSize = 8;
  int64_t maxTokens = 0;  // examples are cut to this many positions (0: the model's window)
};

// One score per example, in order; NaN for an example with no reply token within maxTokens.
// Batches group examples of similar length, so padding costs little. `onProgress(done)` is
// called after each batch.
std::vector<double> scoreExamples(CausalLMImpl& model, const std::vector<EncodedExample>& examples,
                                  const ScoringOptions& options,
                                  const std::function<void(int64_t)>& onProgress = nullptr);

// The same for conversations, encoded as training encodes them: the model's tokenizer and chat
// template, `prompts` for conversations without a system message.
std::vector<double> scoreConversations(LoadedModel& model, const std::vector<Conversation>& samples,
                                       const SystemPrompt& prompts, const ScoringOptions& options,
                                       const std::function<void(int64_t)>& onProgress = nullptr);

}  // namespace mindllm::sft
