#include "core/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace mindllm::cli {

namespace {
std::string formatDuration(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "--:--";
  const long s = static_cast<long>(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

ProgressBar::ProgressBar(std::string label, int64_t total, std::string unit)
    : label_(std::move(label)), unit_(std::move(unit)), total_(total),
      start_(std::chrono::steady_clock::now()), lastDraw_(start_) {
  // MINDLLM_PROGRESS=1 forces the bar on (e.g. when a parent process parses it), =0 off.
  const char* env = std::getenv("MINDLLM_PROGRESS");
  enabled_ = env ? std::string(env) != "0" : ::isatty(STDERR_FILENO) != 0;
}

ProgressBar::~ProgressBar() {
  if (!finished_) finish();
}

void ProgressBar::update(int64_t done, const std::string& suffix) {
  done_ = done;
  suffix_ = suffix;
  const auto now = std::chrono::steady_clock::now();
  if (now - lastDraw_ < std::chrono::milliseconds(200)) return;
  lastDraw_ = now;
  draw(false);
}

void ProgressBar::finish(const std::string& suffix) {
  if (finished_) return;
  finished_ = true;
  if (!suffix.empty()) suffix_ = suffix;
  if (total_ > 0) done_ = std::max(done_, total_);
  draw(true);
}

void ProgressBar::draw(bool final) {
  if (!enabled_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  std::string line = label_ + " ";
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const int width = 24, filled = static_cast<int>(frac * width);
    line += "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    char pct[16];
    std::snprintf(pct, sizeof pct, "%3d%% ", static_cast<int>(frac * 100));
    line += pct;
    line += std::to_string(done_) + "/" + std::to_string(total_);
    const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : -1;
    line += " " + formatDuration(elapsed) + "<" + formatDuration(final ? 0 : eta);
  } else {
    line += std::to_string(done_) + " " + formatDuration(elapsed);
  }
  char r[48];
  std::snprintf(r, sizeof r, " %.1f %s/s", rate, unit_.c_str());
  line += r;
  if (!suffix_.empty()) line += " " + suffix_;
  std::fprintf(stderr, "\r%s\033[K%s", line.c_str(), final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace mindllm::cli
