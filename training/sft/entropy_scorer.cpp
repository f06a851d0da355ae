#include "training/sft/entropy_scorer.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "training/trainer/batch_source.h"

namespace mindllm::sft {

namespace F = torch::nn::functional;

std::vector<double> scoreConversations(LoadedModel& model, const std::vector<Conversation>& samples,
                                       const SystemPrompt& prompts, const ScoringOptions& options,
                                       const std::function<void(int64_t)>& onProgress) {
  const ExampleEncoder encoder(model.tokenizer(), model.chatTemplate(), prompts);
  std::vector<EncodedExample> examples;
  examples.reserve(samples.size());
  for (const auto& c : samples) examples.push_back(encoder.encode(c));
  return scoreExamples(*model.model(), examples, options, onProgress);
}

std::vector<double> scoreExamples(CausalLMImpl& model, const std::vector<EncodedExample>& examples,
                                  const ScoringOptions& options, const std::function<void(int64_t)>& onProgress) {
  const int64_t window = options.maxTokens > 0 ? std::min<int64_t>(options.maxTokens, model.config().maxPositions)
                                               : model.config().maxPositions;
  auto pairsOf = [&](const EncodedExample& e) {
    return std::min<int64_t>(window, std::max<int64_t>(0, static_cast<int64_t>(e.ids.size()) - 1));
  };
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return pairsOf(examples[a]) < pairsOf(examples[b]); });

  std::vector<double> scores(examples.size(), std::numeric_limits<double>::quiet_NaN());
  const auto device = model.parameters().front().device();
  const bool wasTraining = model.is_training();
  model.eval();
  torch::NoGradGuard noGrad;
  int64_t done = 0;
  for (size_t start = 0; start < order.size(); start += static_cast<size_t>(options.batchSize)) {
    const size_t end = std::min(order.size(), start + static_cast<size_t>(options.batchSize));
    const int64_t T = std::max<int64_t>(1, pairsOf(examples[order[end - 1]]));
    const auto rows = static_cast<int64_t>(end - start);
    auto inputs = torch::zeros({rows, T}, torch::kLong);
    auto targets = torch::full({rows, T}, train::kIgnoreIndex, torch::kLong);
    auto in = inputs.accessor<int64_t, 2>();
    auto tg = targets.accessor<int64_t, 2>();
    for (int64_t r = 0; r < rows; ++r) {
      const EncodedExample& e = examples[order[start + static_cast<size_t>(r)]];
      for (int64_t t = 0; t < pairsOf(e); ++t) {
        in[r][t] = e.ids[static_cast<size_t>(t)];
        if (e.trained[static_cast<size_t>(t + 1)]) tg[r][t] = e.ids[static_cast<size_t>(t + 1)];
      }
    }
    const auto logits = model.forward(inputs.to(device));
    const auto t = targets.to(device);
    const auto ce = F::cross_entropy(logits.flatten(0, 1).to(torch::kFloat), t.flatten(),
                                     F::CrossEntropyFuncOptions().ignore_index(train::kIgnoreIndex).reduction(torch::kNone))
                        .view({rows, T});
    const auto sums = ce.sum(1).to(torch::kCPU, torch::kDouble);
    const auto counts = (targets != train::kIgnoreIndex).sum(1);
    for (int64_t r = 0; r < rows; ++r) {
      const auto n = counts[r].item<int64_t>();
      if (n > 0) scores[order[start + static_cast<size_t>(r)]] = sums[r].item<double>() / static_cast<double>(n);
    }
    done += rows;
    if (onProgress) onProgress(done);
  }
  if (wasTraining) model.train();
  return scores;
}

}  // namespace mindllm::sft
