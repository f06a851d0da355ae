#include "core/tokenizer/sentencepiece_backend.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/util/error.h"

namespace mindllm {
namespace fs = std::filesystem;
namespace {

std::string runningExecutablePath() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.string();
}

struct Opened {
  void* handle = nullptr;
  std::string path;
};

// A PIE compiled without -fPIC that names std::cerr holds its own copy of it (a copy relocation),
// and only that copy is constructed. sentencepiece, bound inside the module's scope first, would
// log to libstdc++'s raw original and crash, so refuse with the reason instead.
void requireOneCopyOfTheStdStreams() {
  void* libstdcxx = ::dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_NOLOAD);
  if (!libstdcxx) return;  // libstdc++ is linked statically: sentencepiece brings its own
  for (const char* stream : {"cerr", "cout", "clog"}) {
    const std::string symbol = std::string("_ZSt4") + stream;
    void* original = ::dlsym(libstdcxx, symbol.c_str());
    void* used = ::dlsym(RTLD_DEFAULT, symbol.c_str());
    if (original && used && original != used) {
      ::dlclose(libstdcxx);
      throw Error(runningExecutablePath() + " has its own copy of std::" + stream +
                  " (a copy relocation), which the sentencepiece backend cannot share: compile the "
                  "executable with -fPIC (cmake/Dependencies.cmake)");
    }
  }
  ::dlclose(libstdcxx);
}

Opened openFirst(const std::vector<std::string>& paths) {
  std::string tried;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      tried += "\n  " + path + ": missing";
      continue;
    }
    // DEEPBIND: sentencepiece's references to protobuf resolve inside the module's own scope first.
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND)) return {handle, path};
    const char* why = ::dlerror();
    tried += "\n  " + path + ": " + (why ? why : "dlopen failed");
  }
  throw Error("sentencepiece backend (" MINDLLM_SPM_BACKEND_FILE ") not found or not loadable; tried:" + tried +
              "\nSet MINDLLM_SPM_BACKEND to its path.");
}

}  // namespace

std::vector<std::string> SentencePieceBackend::candidatePaths() {
  if (const char* env = std::getenv("MINDLLM_SPM_BACKEND"); env && *env) return {env};
  std::vector<std::string> paths;
  const std::string exeDir = fs::path(runningExecutablePath()).parent_path().string();
  if (!exeDir.empty()) {
    paths.push_back((fs::path(exeDir) / MINDLLM_SPM_BACKEND_FILE).string());
    paths.push_back((fs::path(exeDir).parent_path() / "lib" / "mindllm" / MINDLLM_SPM_BACKEND_FILE).string());
  }
  paths.push_back(MINDLLM_SPM_BACKEND_BUILD_PATH);
  return paths;
}

const SentencePieceBackend& SentencePieceBackend::get() {
  static const SentencePieceBackend backend = [] {
    requireOneCopyOfTheStdStreams();
    Opened opened = openFirst(candidatePaths());
    return SentencePieceBackend(opened.handle, opened.path);
  }();
  return backend;
}

SentencePieceBackend::SentencePieceBackend(void* handle, std::string path) : handle_(handle), path_(std::move(path)) {
  const auto version = reinterpret_cast<decltype(&mindllm_spm_abi_version)>(symbol("mindllm_spm_abi_version"));
  if (version() != MINDLLM_SPM_ABI_VERSION)
    throw Error(path_ + ": sentencepiece backend of interface version " + std::to_string(version()) + ", expected " +
                std::to_string(MINDLLM_SPM_ABI_VERSION) + " (a stale build or install?)");
  // The module stays loaded for the life of the process: processors may outlive any owner here.
  release = reinterpret_cast<decltype(release)>(symbol("mindllm_spm_free"));
  load = reinterpret_cast<decltype(load)>(symbol("mindllm_spm_load"));
  destroy = reinterpret_cast<decltype(destroy)>(symbol("mindllm_spm_destroy"));
  encode = reinterpret_cast<decltype(encode)>(symbol("mindllm_spm_encode"));
  decode = reinterpret_cast<decltype(decode)>(symbol("mindllm_spm_decode"));
  pieceSize = reinterpret_cast<decltype(pieceSize)>(symbol("mindllm_spm_piece_size"));
  pieceToId = reinterpret_cast<decltype(pieceToId)>(symbol("mindllm_spm_piece_to_id"));
  idToPiece = reinterpret_cast<decltype(idToPiece)>(symbol("mindllm_spm_id_to_piece"));
  pieceKind = reinterpret_cast<decltype(pieceKind)>(symbol("mindllm_spm_piece_kind"));
  specialIds = reinterpret_cast<decltype(specialIds)>(symbol("mindllm_spm_special_ids"));
  train = reinterpret_cast<decltype(train)>(symbol("mindllm_spm_train"));
}

void* SentencePieceBackend::symbol(const char* name) const {
  ::dlerror();
  void* address = ::dlsym(handle_, name);
  if (!address) throw Error(path_ + ": sentencepiece backend lacks the symbol " + name);
  return address;
}

std::string SentencePieceBackend::takeError(char* error) const {
  std::string message = error ? error : "unknown error";
  release(error);
  return message;
}

}  // namespace mindllm
