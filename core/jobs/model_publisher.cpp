#include "core/jobs/model_publisher.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::jobs {
namespace {

fs::path freeName(const fs::path& root, const std::string& name) {
  fs::path target = root / name;
  for (int n = 2; fs::exists(target); ++n) target = root / (name + "-" + std::to_string(n));
  return target;
}

void syncFolder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string publishModel(const std::string& finalDir, const std::string& fineTunedRoot, const std::string& name) {
  if (!fs::is_regular_file(fs::path(finalDir) / "config.json"))
    throw fileError(finalDir, "not a model folder (no config.json): the run did not write its final model");
  std::error_code ec;
  fs::create_directories(fineTunedRoot, ec);
  if (ec) throw fileError(fineTunedRoot, "cannot create the fine-tuned models folder: " + ec.message());
  const fs::path target = freeName(fineTunedRoot, name);
  fs::rename(finalDir, target, ec);
  if (ec) {
    // Another file system: copy beside the target under a hidden name, then rename.
    const fs::path staging = fs::path(fineTunedRoot) / ("." + name + ".staging-" + std::to_string(::getpid()));
    fs::remove_all(staging, ec);
    fs::copy(finalDir, staging, fs::copy_options::recursive, ec);
    if (!ec) fs::rename(staging, target, ec);
    if (ec) {
      std::error_code ignored;
      fs::remove_all(staging, ignored);
      throw fileError(target.string(), "cannot move the fine-tuned model here: " + ec.message());
    }
    fs::remove_all(finalDir, ec);  // the copy is in place; the original is only a duplicate now
  }
  syncFolder(fineTunedRoot);
  return target.string();
}

}  // namespace mindllm::jobs
