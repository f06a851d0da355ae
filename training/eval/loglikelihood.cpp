#include "training/eval/loglikelihood.h"

#include "core/util/error.h"

namespace mindllm::eval {
namespace {

// Hidden states of prefix + rows: [rows, maxLen, hidden]. Without a prefix, a plain forward pass.
torch::Tensor rowHidden(const PrefixCache& prefix, const std::vector<std::vector<TokenId>>& rows) {
  auto& model = prefix.model();
  auto ids = paddedIds(rows, deviceOf(model));
  if (prefix.empty()) return model.hidden(ids);
  KVCache cache = prefix.branch(ids.size(0), ids.size(1));
  return model.hidden(ids, &cache);
}

// log_softmax of the logits at the (row, position) pairs: [n, vocab] float32 on the CPU.
torch::Tensor logProbsAt(CausalLMImpl& model, const torch::Tensor& hidden, const std::vector<int64_t>& rowIndex,
                         const std::vector<int64_t>& position) {
  const auto device = hidden.device();
  auto r = torch::tensor(rowIndex, torch::kLong).to(device), p = torch::tensor(position, torch::kLong).to(device);
  auto picked = hidden.index({r, p});  // [n, hidden]
  return torch::log_softmax(model.logitsFromHidden(picked).to(torch::kFloat), -1).cpu();
}

void requireConditioning(const PrefixCache& prefix) {
  if (prefix.empty()) throw Error("scoring needs a non-empty prompt: the first token has nothing to condition on");
}

}  // namespace

torch::Tensor nextTokenLogProbs(const PrefixCache& prefix, const std::vector<std::vector<TokenId>>& rows) {
  torch::NoGradGuard noGrad;
  const auto n = static_cast<int64_t>(rows.size());
  std::vector<int64_t> rowIndex, position;
  for (int64_t i = 0; i < n; ++i)
    if (!rows[static_cast<size_t>(i)].empty()) {
      rowIndex.push_back(i);
      position.push_back(static_cast<int64_t>(rows[static_cast<size_t>(i)].size()) - 1);
    }
  if (static_cast<int64_t>(rowIndex.size()) < n) requireConditioning(prefix);
  if (rowIndex.empty()) return prefix.nextLogProbs().unsqueeze(0).expand({n, -1}).clone();
  auto lp = logProbsAt(prefix.model(), rowHidden(prefix, rows), rowIndex, position);
  if (static_cast<int64_t>(rowIndex.size()) == n) return lp;
  auto out = prefix.nextLogProbs().unsqueeze(0).expand({n, -1}).clone();
  out.index_copy_(0, torch::tensor(rowIndex, torch::kLong), lp);
  return out;
}

std::vector<ContinuationScore> continuationLogProbs(const PrefixCache& prefix,
                                                    const std::vector<std::vector<TokenId>>& contexts,
                                                    const std::vector<std::vector<TokenId>>& continuations) {
  torch::NoGradGuard noGrad;
  TORCH_CHECK(contexts.size() == continuations.size(), "contexts and continuations differ in number");
  // Row i is context + continuation without its last token; continuation token j is predicted at
  // row position |context| + j - 1, or by the prefix itself when that is -1.
  std::vector<std::vector<TokenId>> rows;
  std::vector<int64_t> rowIndex, position;
  std::vector<TokenId> targets;
  std::vector<size_t> owner;  // which continuation each target belongs to
  std::vector<std::pair<size_t, TokenId>> fromPrefix;
  for (size_t i = 0; i < continuations.size(); ++i) {
    const auto& ctx = contexts[i];
    const auto& cont = continuations[i];
    if (cont.empty()) throw Error("cannot score an empty continuation (the option tokenized to nothing)");
    std::vector<TokenId> row = ctx;
    row.insert(row.end(), cont.begin(), cont.end() - 1);
    for (size_t j = 0; j < cont.size(); ++j) {
      const auto pos = static_cast<int64_t>(ctx.size() + j) - 1;
      if (pos < 0) {
        fromPrefix.emplace_back(i, cont[j]);
        continue;
      }
      rowIndex.push_back(static_cast<int64_t>(i));
      position.push_back(pos);
      targets.push_back(cont[j]);
      owner.push_back(i);
    }
    rows.push_back(std::move(row));
  }
  std::vector<ContinuationScore> scores(continuations.size());
  for (size_t i = 0; i < continuations.size(); ++i) scores[i].tokens = static_cast<int>(continuations[i].size());
  if (!fromPrefix.empty()) {
    requireConditioning(prefix);
    auto next = prefix.nextLogProbs().accessor<float, 1>();
    for (const auto& [i, token] : fromPrefix) scores[i].logProb += next[token];
  }
  if (!targets.empty()) {
    auto lp = logProbsAt(prefix.model(), rowHidden(prefix, rows), rowIndex, position);
    auto picked = lp.gather(1, torch::tensor(std::vector<int64_t>(targets.begin(), targets.end()), torch::kLong)
                                   .unsqueeze(1)).squeeze(1);
    // Sum in double so long options lose no precision.
    const auto pickedDouble = picked.to(torch::kDouble);
    auto acc = pickedDouble.accessor<double, 1>();
    for (size_t k = 0; k < targets.size(); ++k) scores[owner[k]].logProb += acc[static_cast<int64_t>(k)];
  }
  return scores;
}

}  // namespace mindllm::eval
