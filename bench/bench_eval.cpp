// Evaluation throughput: multiple-choice questions per second through runEvaluation(), with the
// prefix KV cache (the k-shot header prefilled once per subject, each question's KV shared by its
// options) against recomputing every prompt in full, measured in the same run.
// By default a random model of --preset with the test tokenizer answers generated C-Eval-style
// questions; --model and --data evaluate a real model folder on a real benchmark folder.
// Usage: bench_eval [--preset small-llama] [--device cpu|cuda] [--dtype auto] [--subjects 2]
//                   [--questions 24] [--shots 5] [--batch-size 8] [--model DIR] [--data DIR --task ceval]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include "core/cli/arg_parser.h"
#include "core/io/model_folder.h"
#include "training/eval/eval_runner.h"

using namespace mindllm;
namespace fs = std::filesystem;

namespace {

// Short Chinese questions in the C-Eval layout, so five shots fit a 512-token window.
void writeSyntheticCEval(const std::string& root, int subjects, int questions) {
  const char* stems[] = {"合同", "利率", "债券", "股票", "税收", "劳动", "保险", "证券"};
  const char* verbs[] = {"的定义是", "的主要作用是", "的法律依据是", "的风险来自"};
  const char* options[] = {"市场", "法律", "政府", "企业", "个人", "银行", "法院", "合同"};
  for (const std::string split : {"dev", "val"}) fs::create_directories(root + "/" + split);
  for (int s = 0; s < subjects; ++s) {
    const std::string key = s % 2 == 0 ? "law_" + std::to_string(s) : "accountant_" + std::to_string(s);
    for (const std::string split : {"dev", "val"}) {
      std::ofstream csv(root + "/" + split + "/" + key + "_" + split + ".csv");
      csv << "id,question,A,B,C,D,answer\n";
      const int n = split == "dev" ? 5 : questions;
      for (int i = 0; i < n; ++i) {
        const int h = (s * 131 + i * 17 + (split == "dev" ? 7 : 0)) % 1000;
        csv << i << "," << stems[h % 8] << verbs[(h / 8) % 4] << "____。";
        for (int k = 0; k < 4; ++k) csv << "," << options[(h + k * 3) % 8] << "机制";
        csv << "," << "ABCD"[h % 4] << "\n";
      }
    }
  }
}

struct Measured {
  double seconds = 0, questionsPerSecond = 0, accuracy = 0;
  int64_t questions = 0;
};

Measured measure(const std::shared_ptr<LoadedModel>& model, eval::EvalRequest r) {
  const auto report = eval::runEvaluation(model, r);
  return {report.seconds, report.seconds > 0 ? report.itemsDone / report.seconds : 0, report.average.score,
          report.itemsDone};
}

}  // namespace

int main(int argc, char** argv) {
  cli::ArgParser p("bench_eval", "Multiple-choice evaluation questions/s with and without the prefix KV cache.");
  p.option("preset", "model preset for the random model", "small-llama")
      .option("model", "evaluate this model folder instead of a random preset", "")
      .option("tokenizer", "tokenizer folder for the random model", MINDLLM_SOURCE_DIR "/tests/fixtures/tokenizer/bpe")
      .option("device", "cpu or cuda", "cpu")
      .option("dtype", "auto, float32, bfloat16", "auto")
      .option("data", "benchmark folder (default: generated C-Eval-style questions)", "")
      .option("task", "task for --data", "ceval")
      .option("subjects", "generated subjects", "2")
      .option("questions", "generated questions per subject", "24")
      .option("limit", "questions per subject from --data (0 = all)", "0")
      .option("shots", "k-shot examples", "5")
      .option("batch-size", "questions per forward pass", "8")
      .option("threads", "CPU threads (0 = torch default)", "0");
  try {
    if (!p.parse(std::vector<std::string>(argv + 1, argv + argc))) return 0;
    if (p.getInt("threads") > 0) torch::set_num_threads(p.getInt("threads"));
    const fs::path work = fs::temp_directory_path() / ("bench_eval_" + std::to_string(::getpid()));
    fs::create_directories(work);
    std::string modelDir = p.get("model");
    if (modelDir.empty()) {
      modelDir = (work / p.get("preset")).string();
      initModelFolder(modelDir, p.get("preset"), p.get("tokenizer"), 1);
    }
    eval::EvalRequest r;
    r.task = p.get("task");
    r.dataPath = p.get("data");
    if (r.dataPath.empty()) {
      r.task = "ceval";
      r.dataPath = (work / "ceval").string();
      writeSyntheticCEval(r.dataPath, p.getInt("subjects"), p.getInt("questions"));
    }
    r.shots = p.getInt("shots");
    r.batchSize = p.getInt("batch-size");
    r.limit = p.getInt("limit");
    r.keepItems = false;
    auto model = loadModelFolder(modelDir, DeviceSpec::parse(p.get("device"), p.get("dtype")));
    std::printf("model %s (%s, %.1fM parameters, vocab %d, window %d) on %s/%s, %d threads\n", modelDir.c_str(),
                toString(model->config().layout), model->config().parameterCount() / 1e6, model->config().vocabSize,
                model->config().maxPositions, model->device().device.c_str(), model->device().resolvedDtype().c_str(),
                torch::get_num_threads());
    {  // warm-up: allocator, kernels, tokenizer caches
      auto warm = r;
      warm.limit = 2;
      measure(model, warm);
    }
    std::printf("\n| scoring | prefix cache | questions | seconds | questions/s | accuracy %% | speedup |\n"
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (auto scoring : {eval::ChoiceScoring::Letter, eval::ChoiceScoring::Option}) {
      r.scoring = scoring;
      r.reusePrefix = false;
      const auto full = measure(model, r);
      r.reusePrefix = true;
      const auto reused = measure(model, r);
      for (const auto* m : {&full, &reused})
        std::printf("| %s | %s | %lld | %.2f | %.2f | %.1f | %s |\n", eval::toString(scoring),
                    m == &reused ? "reused" : "recomputed", static_cast<long long>(m->questions), m->seconds,
                    m->questionsPerSecond, 100 * m->accuracy,
                    m == &reused ? (std::to_string(reused.questionsPerSecond / full.questionsPerSecond).substr(0, 4) + "x").c_str()
                                 : "1.00x");
    }
    fs::remove_all(work);
  } catch (const std::exception& e) {
    std::cerr << "bench_eval: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
