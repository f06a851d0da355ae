#pragma once
// SIGINT / SIGTERM ask the trainer to stop: the handler only sets a flag, the training loop
// checks it between steps, writes a checkpoint and returns. A second signal restores the default
// action, so a second Ctrl-C kills a run that is stuck.
namespace mindllm::train {

class StopSignal {
public:
  StopSignal();   // installs the handlers
  ~StopSignal();  // restores the previous ones
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  static bool requested();
  static void request();  // as if a signal had arrived (tests, embedding code)
  static void clear();
};

}  // namespace mindllm::train
