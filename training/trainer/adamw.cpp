#include "training/trainer/adamw.h"

#include <cmath>

#include "core/util/error.h"

namespace mindllm::train {

bool isDecayed(const torch::Tensor& param) { return param.dim() >= 2; }

std::vector<int> balanceOwners(const std::vector<torch::Tensor>& params, int worldSize) {
  std::vector<int64_t> load(static_cast<size_t>(worldSize), 0);
  std::vector<int> owners;
  for (const auto& p : params) {
    const size_t r = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    owners.push_back(static_cast<int>(r));
    load[r] += p.numel();
  }
  return owners;
}

AdamW::AdamW(const std::vector<std::pair<std::string, torch::Tensor>>& params, AdamWOptions options,
             const std::vector<int>& owners, int rank)
    : options_(options), rank_(rank) {
  if (owners.size() != params.size()) throw Error("AdamW: one owner per parameter is needed");
  for (size_t i = 0; i < params.size(); ++i) {
    Slot s;
    s.name = params[i].first;
    s.param = params[i].second;
    s.decay = isDecayed(s.param);
    s.owner = owners[i];
    if (s.owner == rank_) {
      // State in fp32 whatever the parameter dtype (the parameters are the fp32 master weights).
      s.expAvg = torch::zeros_like(s.param, torch::TensorOptions().dtype(torch::kFloat));
      s.expAvgSq = torch::zeros_like(s.param, torch::TensorOptions().dtype(torch::kFloat));
    }
    slots_.push_back(std::move(s));
  }
}

void AdamW::step(double lr) {
  torch::NoGradGuard noGrad;
  ++step_;
  std::vector<torch::Tensor> params, grads, expAvg, expAvgSq, decayed;
  for (auto& s : slots_) {
    if (s.owner != rank_ || !s.param.grad().defined()) continue;
    params.push_back(s.param);
    grads.push_back(s.param.grad());
    expAvg.push_back(s.expAvg);
    expAvgSq.push_back(s.expAvgSq);
    if (s.decay) decayed.push_back(s.param);
  }
  if (params.empty()) return;
  const double b1 = options_.beta1, b2 = options_.beta2;
  if (options_.weightDecay > 0 && !decayed.empty()) at::_foreach_mul_(decayed, 1.0 - lr * options_.weightDecay);
  at::_foreach_mul_(expAvg, b1);
  at::_foreach_add_(expAvg, grads, 1.0 - b1);
  at::_foreach_mul_(expAvgSq, b2);
  at::_foreach_addcmul_(expAvgSq, grads, grads, 1.0 - b2);
  const double bias1 = 1.0 - std::pow(b1, static_cast<double>(step_));
  const double bias2 = 1.0 - std::pow(b2, static_cast<double>(step_));
  auto denom = at::_foreach_sqrt(expAvgSq);
  at::_foreach_div_(denom, std::sqrt(bias2));
  at::_foreach_add_(denom, options_.eps);
  at::_foreach_addcdiv_(params, expAvg, denom, -lr / bias1);
}

std::vector<NamedTensor> AdamW::ownedState() const {
  std::vector<NamedTensor> out;
  for (const auto& s : slots_) {
    if (s.owner != rank_) continue;
    out.push_back({"exp_avg." + s.name, s.expAvg});
    out.push_back({"exp_avg_sq." + s.name, s.expAvgSq});
  }
  return out;
}

void AdamW::loadState(const TensorMap& state, int64_t step, const std::string& where) {
  torch::NoGradGuard noGrad;
  for (auto& s : slots_) {
    if (s.owner != rank_) continue;
    for (auto [key, target] : {std::pair{"exp_avg." + s.name, s.expAvg}, std::pair{"exp_avg_sq." + s.name, s.expAvgSq}}) {
      auto it = state.find(key);
      if (it == state.end()) throw fileError(where, "optimizer state '" + key + "' is missing");
      if (it->second.sizes() != target.sizes())
        throw fileError(where, "optimizer state '" + key + "' has shape " + c10::str(it->second.sizes()) +
                                   ", the model needs " + c10::str(target.sizes()));
      target.copy_(it->second);
    }
  }
  step_ = step;
}

}  // namespace mindllm::train
