#pragma once
// Streaming text generation with a KV cache: prefill the prompt once, then decode token by token,
// calling back with UTF-8-complete text pieces. Cancellation is a flag another thread may set.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/generate/sampling_params.h"
#include "core/tokenizer/tokenizer.h"

namespace mindllm {

class LoadedModel;

// Why generation ended.
enum class StopReason { Eos, StopString, MaxTokens, ContextFull, Cancelled };
const char* toString(StopReason reason);

// What to do when prompt + max_new_tokens exceed the model's context window.
enum class ContextPolicy {
  Error,          // throw Error saying how many tokens are over
  TruncateLeft,   // drop the oldest prompt tokens (chat keeps the newest turns)
};

struct GenerationResult {
  std::string text;                 // the generated text (stop string excluded)
  std::vector<TokenId> tokens;      // generated token ids
  StopReason stopReason = StopReason::MaxTokens;
  int promptTokens = 0;             // after any truncation
  int truncatedPromptTokens = 0;    // how many were dropped by TruncateLeft
  double prefillSeconds = 0;
  double decodeSeconds = 0;
  double prefillTokensPerSecond() const;
  double decodeTokensPerSecond() const;
};

struct GenerationProgress {
  int generatedTokens = 0;
  int contextUsed = 0;              // prompt + generated tokens
  int contextSize = 0;              // the model's window
  double tokensPerSecond = 0;       // decode speed so far
};

class Generator {
public:
  explicit Generator(std::shared_ptr<LoadedModel> model);

  // Text pieces are passed to onText as soon as they are complete UTF-8 and cannot be the start
  // of a stop string. Returning false from onText stops generation (like cancel).
  using TextCallback = std::function<bool(const std::string& piece, const GenerationProgress& progress)>;

  GenerationResult generate(const std::string& prompt, const SamplingParams& params, const TextCallback& onText = {},
                            const std::atomic<bool>* cancel = nullptr,
                            ContextPolicy policy = ContextPolicy::TruncateLeft);
  GenerationResult generateFromIds(std::vector<TokenId> promptIds, const SamplingParams& params,
                                   const TextCallback& onText = {}, const std::atomic<bool>* cancel = nullptr,
                                   ContextPolicy policy = ContextPolicy::TruncateLeft);

  const LoadedModel& model() const { return *model_; }

private:
  std::shared_ptr<LoadedModel> model_;
};

}  // namespace mindllm
