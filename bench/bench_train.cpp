// Training throughput: tokens/s and model FLOPs utilisation of the trainer's full step (forward,
// backward, gradient clipping, AdamW) on random tokens, for a preset, with the same model and batch
// trained by a PyTorch (Python) step in the same run when a Python with torch is given: eager and
// torch.compile (bench/bench_train_reference.py). Ratios > 1 mean this trainer is faster.
//
//   bench_train                                              # small-llama on CPU, fp32
//   bench_train --preset mindllm-1.3b --seq 2048 --batch 8 --device cuda --python python3
#include <cstdio>
#include <iostream>
#include <memory>

#include "core/cli/arg_parser.h"
#include "core/model/causal_lm.h"
#include "core/util/error.h"
#include "training/trainer/launch_env.h"
#include "training/trainer/run_config.h"
#include "training/trainer/train_metrics.h"
#include "training/trainer/trainer.h"

using namespace mindllm;
using namespace mindllm::train;

namespace {

// Uniform random tokens: throughput does not depend on what the tokens are.
class RandomTokens : public BatchSource {
public:
  RandomTokens(int64_t vocab, int64_t seqLen) : vocab_(vocab), seqLen_(seqLen) {}
  Batch next(int64_t batchSize) override {
    auto w = torch::randint(vocab_, {batchSize, seqLen_ + 1}, torch::TensorOptions().dtype(torch::kLong));
    return {w.narrow(1, 0, seqLen_).contiguous(), w.narrow(1, 1, seqLen_).contiguous()};
  }
  Json position() const override { return Json::object(); }
  void seek(const Json&) override {}

private:
  int64_t vocab_, seqLen_;
};

struct Measured {
  double tokensPerSecond = 0, mfu = 0, stepSeconds = 0;
  bool ok = false;
  std::string note;
};

Json runReference(const std::string& python, const std::string& script, const cli::ArgParser& p) {
  std::string cmd = python + " " + script + " --preset " + p.get("preset") + " --vocab " + p.get("vocab") +
                    " --seq " + p.get("seq") + " --batch " + p.get("batch") + " --steps " + p.get("steps") +
                    " --device " + p.get("device") + " --precision " + p.get("precision") + " --threads " +
                    std::to_string(torch::get_num_threads());
  if (p.flagSet("no-compile")) cmd += " --no-compile";
  std::cerr << "reference: " << cmd << std::endl;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return nullptr;
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  if (::pclose(pipe) != 0) return nullptr;
  const auto brace = out.rfind("\n{");
  Json j = Json::parse(brace == std::string::npos ? out : out.substr(brace + 1), nullptr, false);
  return j.is_discarded() ? Json(nullptr) : j;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    cli::ArgParser p("bench_train", "Trainer throughput (tokens/s, MFU) against a PyTorch reference step.");
    p.option("preset", "model preset", "small-llama")
        .option("vocab", "vocabulary size", "32000")
        .option("seq", "sequence length", "256")
        .option("batch", "micro-batch (sequences per step)", "8")
        .option("steps", "timed steps (after one warm-up step)", "10")
        .option("device", "cpu | cuda | auto", "auto")
        .option("precision", "auto (fp32 on CPU, bf16 on CUDA) | fp32 | bf16", "auto")
        .option("peak-tflops", "device peak for MFU (0: known GPUs only)", "0")
        .option("python", "Python with torch for the reference step (empty: skip)", "")
        .option("reference-script", "the reference script", std::string(MINDLLM_SOURCE_DIR) + "/bench/bench_train_reference.py")
        .flag("no-compile", "skip the torch.compile reference")
        .flag("activation-checkpointing", "recompute blocks in backward");
    if (!p.parse(std::vector<std::string>(argv + 1, argv + argc))) return 0;

    const int64_t vocab = p.getInt64("vocab"), seq = p.getInt64("seq"), batch = p.getInt64("batch");
    const ModelConfig mc = presetConfig(p.get("preset"), static_cast<int>(vocab));
    Json j = {{"device", p.get("device")},
              {"precision", p.get("precision")},
              {"model", {{"preset", p.get("preset")}, {"tokenizer", "(synthetic)"},
                         {"activation_checkpointing", p.flagSet("activation-checkpointing")}}},
              {"data", {{"train", {"(synthetic)"}}, {"seq_len", seq}}},
              {"batch", {{"micro_batch", batch}, {"grad_accum", 1}}},
              {"schedule", {{"max_steps", p.getInt64("steps") + 1}, {"warmup_steps", 1}}},
              {"log", {{"every", 1000000}}},
              {"checkpoint", {{"resume", "none"}}},
              {"hardware", {{"peak_tflops", p.getDouble("peak-tflops")}}}};
    const RunConfig config = RunConfig::fromJson(j, "bench_train", "/");
    Trainer trainer(config, LaunchEnv{});
    TrainerInputs in;
    in.model = createCausalLM(mc);
    in.model->initWeights(1);
    in.train = std::make_unique<RandomTokens>(vocab, seq);
    const TrainResult r = trainer.run(std::move(in));

    const std::string device = trainer.device().str();
    const std::string precision = trainer.bf16() ? "bf16" : "fp32";
    std::cout << "\nbench_train: " << p.get("preset") << " (" << fixed(mc.parameterCount() / 1e6, 1)
              << "M params, vocab " << vocab << "), batch " << batch << " x seq " << seq << ", " << precision << " on "
              << device << ", " << torch::get_num_threads() << " CPU threads, " << p.get("steps") << " timed steps\n"
              << "model FLOPs per token: " << fixed(modelFlopsPerToken(mc, seq) / 1e9, 3) << " GFLOP\n\n";
    std::cout << "| implementation | tokens/s | step ms | MFU | ours / it |\n| --- | ---: | ---: | ---: | ---: |\n";
    const double ours = r.tokensPerSecond;
    const double stepMs = 1000.0 * static_cast<double>(batch * seq) / ours;
    auto mfuText = [](double m) { return m > 0 ? fixed(100 * m, 1) + "%" : std::string("n/a"); };
    std::cout << "| mindllm trainer (C++) | " << fixed(ours, 0) << " | " << fixed(stepMs, 1) << " | " << mfuText(r.mfu)
              << " | 1.00 |\n";
    if (!p.get("python").empty()) {
      const Json ref = runReference(p.get("python"), p.get("reference-script"), p);
      if (ref.is_null()) {
        std::cout << "| PyTorch reference | failed (see stderr) | | | |\n";
      } else {
        const double peak = peakFlopsPerDevice(p.getDouble("peak-tflops"), ref.value("device_name", ""));
        for (const char* mode : {"eager", "compile"}) {
          if (!ref.contains(mode) || ref[mode].is_null()) {
            std::cout << "| PyTorch " << mode << " | n/a (" << ref.value(std::string(mode) + "_note", "unavailable")
                      << ") | | | |\n";
            continue;
          }
          const double tps = ref[mode]["tokens_per_s"].get<double>();
          const double mfu = peak > 0 ? tps * modelFlopsPerToken(mc, seq) / peak : 0;
          std::cout << "| PyTorch " << mode << " (torch " << ref.value("torch", "?") << ") | " << fixed(tps, 0) << " | "
                    << fixed(1000.0 * static_cast<double>(batch * seq) / tps, 1) << " | " << mfuText(mfu) << " | "
                    << fixed(ours / tps, 2) << " |\n";
        }
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  }
}
