#pragma once
// The one place where LibTorch versions differ. The engine builds against Debian's LibTorch 1.13
// (CPU) and LibTorch 2.x with CUDA; everything version-specific goes through these functions.
#include <torch/torch.h>
#include <torch/version.h>

#define MINDLLM_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace mindllm::compat {

// scaled_dot_product_attention (FlashAttention / memory-efficient kernels on CUDA) arrived in 2.0,
// its `scale` argument in 2.1.
constexpr bool kHasFusedAttention = MINDLLM_TORCH_AT_LEAST(2, 1);

// softmax(q k^T * scale + mask) v. `keep` is a boolean mask broadcastable to [B, H, Tq, Tk]
// (true = may attend); when `causal` is set and no mask is given, the causal mask is implied.
// `fp32Scores` computes the scores in float32 as GPT-Neo's reference does.
inline torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               c10::optional<torch::Tensor> keep, bool causal, double scale, bool fp32Scores,
                               double dropout = 0.0, bool training = false) {
  const auto tq = q.size(-2), tk = k.size(-2);
  if (causal && !keep && tq != tk) {
    // A cached step: queries are the last tq positions. One query sees every key; several need
    // a bottom-right aligned causal mask (the fused kernels' is_causal is top-left aligned).
    if (tq > 1)
      keep = torch::ones({tq, tk}, torch::TensorOptions().dtype(torch::kBool).device(q.device())).tril(tk - tq);
    causal = false;
  }
#if MINDLLM_TORCH_AT_LEAST(2, 1)
  // On 2.x use the fused kernels, except where the reference's fp32 scores matter in half precision.
  if (!fp32Scores || q.scalar_type() == torch::kFloat)
    return at::scaled_dot_product_attention(q, k, v, keep, training ? dropout : 0.0, causal && !keep, scale);
#endif
  const auto inType = q.scalar_type();
  auto scores = fp32Scores ? torch::matmul(q.to(torch::kFloat), k.to(torch::kFloat).transpose(-1, -2))
                           : torch::matmul(q, k.transpose(-1, -2));
  if (scale != 1.0) scores = scores * scale;
  if (!keep && causal)
    keep = torch::ones({tq, tk}, torch::TensorOptions().dtype(torch::kBool).device(q.device())).tril(tk - tq);
  if (keep) scores = scores.masked_fill(keep->logical_not(), -std::numeric_limits<float>::infinity());
  auto probs = torch::softmax(scores, -1, torch::kFloat).to(inType);
  if (training && dropout > 0) probs = torch::dropout(probs, dropout, true);
  return torch::matmul(probs, v);
}

// bf16 matmuls on CPU are emulated and slow on 1.13; callers may prefer fp32 there.
inline bool fastBf16OnCpu() { return MINDLLM_TORCH_AT_LEAST(2, 0); }

}  // namespace mindllm::compat
