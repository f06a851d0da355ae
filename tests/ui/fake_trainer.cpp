// A stand-in for `mindllm-cli finetune|sft` in the job manager's process tests: it follows the
// command's contract (docs/JOBS.md) without training anything, so the tests about processes
// (progress, pause, kill, resume, bad data) run in seconds and do not depend on the trainer.
//
//   fake_trainer finetune|sft --config job.json [--check]
//
// - checks every line of sft.train_file (a JSON object with "instruction" and "output", or
//   "conversations"); a bad line: "error: <file>:<N>: ..." on stderr, exit 2
// - --check: prints the sample count and exits 0
// - writes <output_dir>/metrics.jsonl: a start record (at the checkpointed step), a train record
//   per step (FAKE_TRAINER_STEP_MS apart, default 40), a val record every eval.every steps, done
// - checkpoints (<output_dir>/checkpoints/latest holds the step) every checkpoint.every steps
//   and on SIGTERM, which then exits 75; a rerun continues from it, first dropping metrics lines
//   past it (atomically, like the trainer)
// - the "trained" model is a copy of model.init_from, written to <output_dir>/final
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::atomic<bool> stopRequested{false};
void onStop(int) { stopRequested = true; }

[[noreturn]] void fail(int code, const std::string& message) {
  std::cerr << "error: " << message << std::endl;
  std::exit(code);
}

long countSamples(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(2, path + ": cannot open for reading");
  std::string text;
  long samples = 0;
  for (long line = 1; std::getline(in, text); ++line) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json j = Json::parse(text, nullptr, false);
    const std::string at = path + ":" + std::to_string(line) + ": ";
    if (j.is_discarded() || !j.is_object()) fail(2, at + "not a JSON object");
    if (!j.contains("conversations")) {
      if (!j.contains("instruction")) fail(2, at + "field \"instruction\" missing");
      if (!j.contains("output")) fail(2, at + "field \"output\" missing");
    }
    ++samples;
  }
  if (samples == 0) fail(2, path + ": no samples");
  return samples;
}

void writeAtomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text;
  fs::rename(tmp, path);
}

long checkpointedStep(const fs::path& out) {
  std::ifstream in(out / "checkpoints" / "latest");
  long step = 0;
  return in >> step ? step : 0;
}

void checkpoint(const fs::path& out, long step) {
  fs::create_directories(out / "checkpoints");
  writeAtomically(out / "checkpoints" / "latest", std::to_string(step) + "\n");
}

// Resume: lines about steps after the checkpoint are redone, so they leave the log.
void trimMetrics(const fs::path& metrics, long keepThrough) {
  std::ifstream in(metrics);
  if (!in) return;
  std::string line, kept;
  while (std::getline(in, line)) {
    const Json j = Json::parse(line, nullptr, false);
    if (j.is_object() && j.value("step", 0L) > keepThrough) continue;
    kept += line + "\n";
  }
  in.close();
  writeAtomically(metrics, kept);
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "", config;
  bool check = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config = argv[++i];
    else if (a == "--check") check = true;
  }
  if ((command != "finetune" && command != "sft") || config.empty())
    fail(2, "usage: fake_trainer finetune|sft --config job.json [--check]");
  std::ifstream cfgIn(config);
  const Json cfg = Json::parse(cfgIn, nullptr, false);
  if (cfg.is_discarded()) fail(2, config + ": invalid JSON");

  const long samples = countSamples(cfg["sft"]["train_file"].get<std::string>());
  const fs::path base = cfg["model"]["init_from"].get<std::string>();
  if (!fs::exists(base / "config.json")) fail(2, config + ": field 'model.init_from': no config.json in " + base.string());
  if (check) {
    std::cout << "ok: " << samples << " samples" << std::endl;
    return 0;
  }

  std::signal(SIGTERM, onStop);
  std::signal(SIGINT, onStop);
  const fs::path out = cfg["output_dir"].get<std::string>();
  fs::create_directories(out);
  const Json& sft = cfg["sft"];
  const long batch = cfg["batch"]["micro_batch"].get<long>() * cfg["batch"]["grad_accum"].get<long>();
  const long epochs = sft["epochs"].get<long>();
  const long maxSteps = epochs > 0 ? epochs * ((samples + batch - 1) / batch) : cfg["schedule"]["max_steps"].get<long>();
  const long evalEvery = cfg["eval"]["every"].get<long>();
  const long checkpointEvery = cfg["checkpoint"]["every"].get<long>();
  const char* stepMsEnv = std::getenv("FAKE_TRAINER_STEP_MS");
  const int stepMs = stepMsEnv ? std::atoi(stepMsEnv) : 40;

  const fs::path metricsPath = out / "metrics.jsonl";
  const long start = checkpointedStep(out);
  trimMetrics(metricsPath, start);
  std::ofstream metrics(metricsPath, std::ios::app);
  auto record = [&](const Json& j) { metrics << j.dump() << "\n" << std::flush; };
  record({{"type", "start"}, {"step", start}, {"max_steps", maxSteps}, {"train_samples", samples},
          {"val_samples", 0}, {"method", sft["method"]}});
  std::cerr << "fake " << command << ": " << samples << " samples, steps " << start << " -> " << maxSteps << std::endl;

  for (long step = start + 1; step <= maxSteps; ++step) {
    std::this_thread::sleep_for(std::chrono::milliseconds(stepMs));
    const double loss = 0.5 + 3.0 * std::exp(-3.0 * static_cast<double>(step) / static_cast<double>(maxSteps));
    record({{"type", "train"}, {"step", step}, {"loss", loss}, {"lr", 1e-4}, {"tokens", step * 512}});
    std::cerr << "step " << step << "/" << maxSteps << " loss " << loss << std::endl;
    if (evalEvery > 0 && step % evalEvery == 0)
      record({{"type", "val"}, {"step", step}, {"val_loss", loss + 0.1}, {"val_ppl", std::exp(loss + 0.1)}});
    if (checkpointEvery > 0 && step % checkpointEvery == 0) checkpoint(out, step);
    if (stopRequested) {
      checkpoint(out, step);
      std::cerr << "stopped at step " << step << "; run the same command again to continue" << std::endl;
      return 75;
    }
  }
  checkpoint(out, maxSteps);
  const fs::path staged = out / ".final.tmp";
  fs::remove_all(staged);
  fs::copy(base, staged, fs::copy_options::recursive);
  fs::remove_all(out / "final");
  fs::rename(staged, out / "final");
  record({{"type", "done"}, {"model_dir", (out / "final").string()}});
  std::cerr << "done: " << (out / "final").string() << std::endl;
  return 0;
}
