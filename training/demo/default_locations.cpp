#include "training/demo/default_locations.h"

#include <cstdlib>
#include <filesystem>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

std::string fromEnvOrInstall(const char* variable, const char* shareName, const std::string& sourcePath) {
  if (const char* env = std::getenv(variable); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "mindllm-studio" / shareName;
    if (fs::is_directory(installed)) return installed.string();
  }
  return sourcePath;
}

}  // namespace

std::string defaultModelDir() {
  std::string base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.local/share";
  } else {
    throw Error("demo build: neither XDG_DATA_HOME nor HOME is set; pass --out");
  }
  return base + "/MindLLM/MindLLM Studio/models/default";
}

std::string defaultCorpusDir() {
  return fromEnvOrInstall("MINDLLM_DEMO_CORPUS", "corpus", MINDLLM_SOURCE_DIR "/resources/corpus");
}

std::string defaultDomainsDir() {
  return fromEnvOrInstall("MINDLLM_DOMAINS_DIR", "domains", MINDLLM_SOURCE_DIR "/domains");
}

}  // namespace mindllm::demo
