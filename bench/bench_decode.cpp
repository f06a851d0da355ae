// Decode benchmark: prompt processing (prefill) and single-stream decode tokens/s for a preset,
// side by side with two references measured in the same run:
//   - the memory-bandwidth bound: decode must read every weight once per token, so
//     bound = measured copy bandwidth / weight bytes; the ratio says how close decode gets;
//   - decoding without the KV cache (full recompute per token), which shows what the cache buys.
// Usage: bench_decode [--preset small-llama] [--device cpu|cuda] [--dtype float32|bfloat16]
//                     [--prompt-tokens 128] [--new-tokens 64] [--vocab 32000] [--no-cache-tokens 16]
#include <chrono>
#include <cstdio>
#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/generate/device.h"
#include "core/model/causal_lm.h"

using namespace mindllm;
using Clock = std::chrono::steady_clock;

namespace {

void sync(const torch::Device& d) {
#ifdef MINDLLM_WITH_CUDA
  if (d.is_cuda()) torch::cuda::synchronize();
#else
  (void)d;
#endif
}

double seconds(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Bytes read + written per second by a large device copy (the STREAM "copy" kernel).
double copyBandwidth(const torch::Device& device) {
  auto src = torch::empty({int64_t(256) << 20}, torch::TensorOptions().dtype(torch::kByte).device(device)).fill_(1);
  auto dst = torch::empty_like(src);
  dst.copy_(src);
  sync(device);
  const int reps = device.is_cuda() ? 20 : 5;
  const auto t = Clock::now();
  for (int i = 0; i < reps; ++i) dst.copy_(src);
  sync(device);
  return 2.0 * static_cast<double>(src.numel()) * reps / seconds(t);
}

struct DecodeTiming {
  double prefillTokPerS, decodeTokPerS;
};

DecodeTiming timeWithCache(CausalLMImpl& m, const torch::Tensor& prompt, int newTokens) {
  auto cache = m.makeCache(1, prompt.size(1) + newTokens);
  auto t = Clock::now();
  auto logits = m.forward(prompt, &cache);
  auto next = logits.select(1, logits.size(1) - 1).argmax(-1, true);
  sync(prompt.device());
  const double prefill = seconds(t);
  t = Clock::now();
  for (int i = 0; i < newTokens; ++i) {
    logits = m.forward(next, &cache);
    next = logits.select(1, 0).argmax(-1, true);
  }
  next.cpu();  // the loop's result is needed on the host, as in real generation
  const double decode = seconds(t);
  return {prompt.size(1) / prefill, newTokens / decode};
}

double timeWithoutCache(CausalLMImpl& m, torch::Tensor seq, int newTokens) {
  const auto t = Clock::now();
  for (int i = 0; i < newTokens; ++i) {
    auto logits = m.forward(seq);
    seq = torch::cat({seq, logits.select(1, logits.size(1) - 1).argmax(-1, true)}, 1);
  }
  seq.cpu();
  return newTokens / seconds(t);
}

}  // namespace

int main(int argc, char** argv) {
  cli::ArgParser p("bench_decode", "Prefill and decode tokens/s against the memory-bandwidth bound.");
  p.option("preset", "model preset", "small-llama")
      .option("device", "cpu or cuda", "cpu")
      .option("dtype", "float32 or bfloat16 (auto: fp32 on CPU, bf16 on CUDA)", "auto")
      .option("prompt-tokens", "prompt length", "128")
      .option("new-tokens", "tokens to decode", "64")
      .option("no-cache-tokens", "tokens to decode in the no-cache reference", "16")
      .option("vocab", "vocabulary size", "32000")
      .option("seed", "weights seed", "1");
  try {
    if (!p.parse({argv + 1, argv + argc})) return 0;
    const auto spec = DeviceSpec::parse(p.get("device"), p.get("dtype"));
    const torch::Device device(spec.device);
    const auto dtype = spec.resolvedDtype() == "bfloat16" ? torch::kBFloat16
                       : spec.resolvedDtype() == "float16" ? torch::kHalf : torch::kFloat;
    const auto config = presetConfig(p.get("preset"), p.getInt("vocab"));
    auto model = createCausalLM(config);
    model->initWeights(static_cast<uint64_t>(p.getInt64("seed")));
    model->to(device, dtype);
    model->eval();
    c10::InferenceMode inference;

    const int promptTokens = p.getInt("prompt-tokens"), newTokens = p.getInt("new-tokens");
    const auto prompt = torch::randint(config.vocabSize, {1, promptTokens}, torch::TensorOptions().dtype(torch::kLong).device(device));
    timeWithCache(*model, prompt.narrow(1, 0, std::min(8, promptTokens)), 4);  // warm-up
    const auto cached = timeWithCache(*model, prompt, newTokens);
    const double noCache = timeWithoutCache(*model, prompt, p.getInt("no-cache-tokens"));

    int64_t weightBytes = 0;
    for (const auto& t : model->parameters()) weightBytes += t.numel() * t.element_size();
    const double bandwidth = copyBandwidth(device);
    // Decode reads each weight once per token (the KV cache is small next to it at these lengths).
    const double bound = bandwidth / static_cast<double>(weightBytes);

    std::printf("| preset | device | dtype | params | threads | prefill tok/s | decode tok/s | no-cache decode tok/s | cache speed-up | copy GB/s | bound tok/s | decode / bound |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    std::printf("| %s | %s | %s | %.1fM | %d | %.1f | %.2f | %.2f | %.1fx | %.1f | %.2f | %.2f |\n", p.get("preset").c_str(),
                spec.device.c_str(), spec.resolvedDtype().c_str(), config.parameterCount() / 1e6, at::get_num_threads(),
                cached.prefillTokPerS, cached.decodeTokPerS, noCache, cached.decodeTokPerS / noCache, bandwidth / 1e9,
                bound, cached.decodeTokPerS / bound);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_decode: " << e.what() << "\n";
    return 1;
  }
}
