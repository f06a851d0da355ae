#include "training/trainer/checkpoint.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::train {
namespace {

constexpr const char* kPrefix = "step-";
constexpr const char* kStagingPrefix = ".staging-step-";

std::string stepName(int64_t step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%08lld", kPrefix, static_cast<long long>(step));
  return buf;
}

// "step-" followed by digits only (not "step-00000100.old-123", a folder being replaced).
bool isCheckpointName(const std::string& name) {
  const size_t n = std::char_traits<char>::length(kPrefix);
  if (name.size() <= n || name.compare(0, n, kPrefix) != 0) return false;
  return std::all_of(name.begin() + static_cast<long>(n), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string writeCheckpoint(const std::string& root, const CheckpointContents& c) {
  fs::create_directories(root);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.path().filename().string().rfind(kStagingPrefix, 0) == 0) fs::remove_all(entry.path(), ec);
  const std::string name = stepName(c.step);
  const fs::path staged = fs::path(root) / (kStagingPrefix + name.substr(5) + "-" + std::to_string(::getpid()));
  fs::create_directories(staged);
  writeSafetensors((staged / "model.safetensors").string(), c.model);
  writeSafetensors((staged / "optimizer.safetensors").string(), c.optimizer);
  writeSafetensors((staged / "rng.safetensors").string(), c.rng);
  writeJsonFileAtomic((staged / "trainer_state.json").string(), c.trainerState);
  writeJsonFileAtomic((staged / "run_config.json").string(), c.runConfig);
  writeJsonFileAtomic((staged / "config.json").string(), c.modelConfig);
  const std::string target = (fs::path(root) / name).string();
  replaceDirAtomic(staged.string(), target);
  return target;
}

std::vector<std::string> listCheckpoints(const std::string& root) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return {};
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && isCheckpointName(name) && fs::exists(entry.path() / "trainer_state.json"))
      names.push_back(name);
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return std::stoll(a.substr(5)) < std::stoll(b.substr(5));
  });
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back((fs::path(root) / n).string());
  return out;
}

std::string latestCheckpoint(const std::string& root) {
  const auto all = listCheckpoints(root);
  return all.empty() ? "" : all.back();
}

void pruneCheckpoints(const std::string& root, int64_t keep) {
  auto all = listCheckpoints(root);
  const size_t k = static_cast<size_t>(std::max<int64_t>(keep, 1));
  std::error_code ec;
  for (size_t i = 0; i + k < all.size(); ++i) fs::remove_all(all[i], ec);
}

LoadedCheckpoint readCheckpoint(const std::string& dir) {
  if (!fs::is_directory(dir)) throw fileError(dir, "checkpoint folder not found");
  for (const char* f : {"trainer_state.json", "run_config.json", "model.safetensors", "optimizer.safetensors",
                        "rng.safetensors"})
    if (!fs::exists(fs::path(dir) / f)) throw fileError(dir, std::string("checkpoint is missing ") + f);
  LoadedCheckpoint c;
  c.dir = dir;
  c.trainerState = readJsonFile((fs::path(dir) / "trainer_state.json").string());
  if (c.trainerState.value("format", "") != "mindllm-trainer-checkpoint")
    throw fileError((fs::path(dir) / "trainer_state.json").string(), "not a MindLLM trainer checkpoint");
  c.runConfig = readJsonFile((fs::path(dir) / "run_config.json").string());
  c.model = readSafetensors((fs::path(dir) / "model.safetensors").string());
  c.optimizer = readSafetensors((fs::path(dir) / "optimizer.safetensors").string());
  c.rng = readSafetensors((fs::path(dir) / "rng.safetensors").string());
  return c;
}

}  // namespace mindllm::train
