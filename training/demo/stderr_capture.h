#pragma once
// Sends everything written to the process's stderr (file descriptor 2, so also what libraries
// print from their own threads) into a log file while it lives. Used around sentencepiece's
// training, whose per-merge log lines would bury the build's progress bars.
#include <string>

namespace mindllm::demo {

class StderrCapture {
public:
  explicit StderrCapture(const std::string& logPath);  // throws Error naming the log on failure
  ~StderrCapture();
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

private:
  int saved_ = -1;
};

}  // namespace mindllm::demo
