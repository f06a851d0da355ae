#pragma once
// A console progress bar with rate and ETA, redrawn at most a few times a second on stderr.
// Silent when stderr is not a terminal unless forced, so logs stay clean.
#include <chrono>
#include <cstdint>
#include <string>

namespace mindllm::cli {

class ProgressBar {
public:
  ProgressBar(std::string label, int64_t total, std::string unit = "it");
  ~ProgressBar();
  void update(int64_t done, const std::string& suffix = "");
  void finish(const std::string& suffix = "");

private:
  void draw(bool final);
  std::string label_, unit_, suffix_;
  int64_t total_, done_ = 0;
  std::chrono::steady_clock::time_point start_, lastDraw_;
  bool enabled_, finished_ = false;
};

}  // namespace mindllm::cli
