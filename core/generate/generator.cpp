#include "core/generate/generator.h"

#include <chrono>

#include "core/generate/sampler.h"
#include "core/generate/stop_string_matcher.h"
#include "core/io/model_folder.h"
#include "core/tokenizer/utf8_stream_decoder.h"
#include "core/util/error.h"

namespace mindllm {

const char* toString(StopReason reason) {
  switch (reason) {
    case StopReason::Eos: return "eos";
    case StopReason::StopString: return "stop_string";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::ContextFull: return "context_full";
    case StopReason::Cancelled: return "cancelled";
  }
  return "unknown";
}

double GenerationResult::prefillTokensPerSecond() const {
  return prefillSeconds > 0 ? promptTokens / prefillSeconds : 0;
}

double GenerationResult::decodeTokensPerSecond() const {
  return decodeSeconds > 0 ? static_cast<double>(tokens.size()) / decodeSeconds : 0;
}

Generator::Generator(std::shared_ptr<LoadedModel> model) : model_(std::move(model)) {}

GenerationResult Generator::generate(const std::string& prompt, const SamplingParams& params, const TextCallback& onText,
                                     const std::atomic<bool>* cancel, ContextPolicy policy) {
  return generateFromIds(model_->tokenizer().encode(prompt), params, onText, cancel, policy);
}

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Fits the prompt into the window, leaving room for at least some new tokens.
void fitContext(std::vector<TokenId>& ids, int maxNew, int window, ContextPolicy policy, GenerationResult& result) {
  const int need = static_cast<int>(ids.size()) + maxNew;
  if (need <= window) return;
  if (policy == ContextPolicy::Error)
    throw Error("prompt of " + std::to_string(ids.size()) + " tokens plus max_new_tokens " + std::to_string(maxNew) +
                " exceeds the model's context window of " + std::to_string(window) + " tokens by " +
                std::to_string(need - window));
  // Keep the newest tokens; reserve at most half the window for the answer so a long history
  // still leaves the model some context.
  const int reserve = std::min(maxNew, window / 2);
  const int keep = std::max(1, std::min(static_cast<int>(ids.size()), window - reserve));
  result.truncatedPromptTokens = static_cast<int>(ids.size()) - keep;
  ids.erase(ids.begin(), ids.end() - keep);
}

std::vector<float> lastRow(const torch::Tensor& logits) {
  auto row = logits.select(0, 0).select(0, logits.size(1) - 1).to(torch::kCPU, torch::kFloat).contiguous();
  return std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
}

}  // namespace

GenerationResult Generator::generateFromIds(std::vector<TokenId> ids, const SamplingParams& params,
                                            const TextCallback& onText, const std::atomic<bool>* cancel,
                                            ContextPolicy policy) {
  auto& model = *model_->model();
  const auto& tokenizer = model_->tokenizer();
  const int window = model_->config().maxPositions;
  GenerationResult result;
  if (ids.empty()) {
    if (auto bos = tokenizer.bosId()) ids.push_back(*bos);
    else if (auto eos = tokenizer.eosId()) ids.push_back(*eos);
    else throw Error("empty prompt and the tokenizer has no BOS/EOS token to start from");
  }
  fitContext(ids, params.maxNewTokens, window, policy, result);
  result.promptTokens = static_cast<int>(ids.size());

  c10::InferenceMode inference;
  const auto device = model.parameters().front().device();
  const int64_t capacity = std::min<int64_t>(window, static_cast<int64_t>(ids.size()) + params.maxNewTokens);
  KVCache cache = model.makeCache(1, capacity);
  Sampler sampler(params);
  Utf8StreamDecoder decoder(tokenizer);
  StopStringMatcher stops(params.stopStrings);
  std::vector<TokenId> history = ids;
  const auto eos = tokenizer.eosId();

  auto start = Clock::now();
  auto input = torch::tensor(std::vector<int64_t>(ids.begin(), ids.end()), torch::kLong).to(device).unsqueeze(0);
  auto logits = lastRow(model.forward(input, &cache));
  result.prefillSeconds = secondsSince(start);
  start = Clock::now();

  GenerationProgress progress;
  progress.contextSize = window;
  auto emit = [&](const std::string& text) {
    if (text.empty()) return true;
    result.text += text;
    progress.generatedTokens = static_cast<int>(result.tokens.size());
    progress.contextUsed = static_cast<int>(cache.length);
    const double t = secondsSince(start);
    progress.tokensPerSecond = t > 0 ? result.tokens.size() / t : 0;
    return !onText || onText(text, progress);
  };

  result.stopReason = StopReason::MaxTokens;
  for (int step = 0; step < params.maxNewTokens; ++step) {
    if (cancel && cancel->load()) {
      result.stopReason = StopReason::Cancelled;
      break;
    }
    const TokenId next = sampler.sample(logits, history);
    if (params.stopAtEos && eos && next == *eos) {
      result.stopReason = StopReason::Eos;
      break;
    }
    result.tokens.push_back(next);
    history.push_back(next);
    bool hitStop = false;
    if (!emit(stops.push(decoder.push(next), hitStop))) {
      result.stopReason = StopReason::Cancelled;
      break;
    }
    if (hitStop) {
      result.stopReason = StopReason::StopString;
      break;
    }
    if (step + 1 == params.maxNewTokens) break;
    if (cache.length >= cache.capacity()) {
      result.stopReason = cache.capacity() >= window ? StopReason::ContextFull : StopReason::MaxTokens;
      break;
    }
    auto token = torch::tensor({static_cast<int64_t>(next)}, torch::kLong).to(device).unsqueeze(0);
    logits = lastRow(model.forward(token, &cache));
  }
  if (result.stopReason != StopReason::StopString) {
    bool ignored = false;
    emit(stops.push(decoder.flush(), ignored) + stops.flush());
  }
  result.decodeSeconds = secondsSince(start);
  return result;
}

}  // namespace mindllm
