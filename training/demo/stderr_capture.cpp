#include "training/demo/stderr_capture.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/util/error.h"

namespace mindllm::demo {

StderrCapture::StderrCapture(const std::string& logPath) {
  std::filesystem::create_directories(std::filesystem::path(logPath).parent_path());
  const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) throw fileError(logPath, std::string("cannot open log: ") + std::strerror(errno));
  std::fflush(stderr);
  saved_ = ::dup(STDERR_FILENO);
  ::dup2(log, STDERR_FILENO);
  ::close(log);
}

StderrCapture::~StderrCapture() {
  std::fflush(stderr);
  if (saved_ >= 0) {
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }
}

}  // namespace mindllm::demo
