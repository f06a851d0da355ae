#include "training/trainer/stop_signal.h"

#include <csignal>

namespace mindllm::train {
namespace {

volatile std::sig_atomic_t gStop = 0;
struct sigaction gPreviousInt {}, gPreviousTerm {};

void onSignal(int sig) {
  gStop = 1;
  // The next signal of this kind gets the default action.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
}

}  // namespace

StopSignal::StopSignal() {
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sa.sa_flags = SA_RESTART;  // interrupted reads and writes (checkpoint files) continue
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &gPreviousInt);
  sigaction(SIGTERM, &sa, &gPreviousTerm);
}

StopSignal::~StopSignal() {
  sigaction(SIGINT, &gPreviousInt, nullptr);
  sigaction(SIGTERM, &gPreviousTerm, nullptr);
}

bool StopSignal::requested() { return gStop != 0; }
void StopSignal::request() { gStop = 1; }
void StopSignal::clear() { gStop = 0; }

}  // namespace mindllm::train
