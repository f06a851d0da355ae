#pragma once
// What a job becomes when its process ends: the exit codes of `mindllm-cli finetune|sft`
// (docs/JOBS.md) read together with what the app had asked the process to do.
#include <string>

#include "core/jobs/job_state.h"

namespace mindllm::jobs {

// Exit statuses of the fine-tuning commands.
inline constexpr int kExitFinished = 0;
inline constexpr int kExitStopped = 75;  // SIGTERM/SIGINT: a checkpoint was written; rerun to continue
inline constexpr int kExitBadInput = 2;  // bad config or dataset; the last stderr line names file, line, field
inline constexpr int kExitFailure = 1;

// Why the app stopped the process, if it did.
enum class StopRequest { None, Pause, Cancel, AppClosing };

struct ProcessEnd {
  bool crashed = false;       // ended by a signal (killed, out of memory, segfault) instead of exiting
  int exitCode = 0;           // when it exited
  bool sawDone = false;       // metrics.jsonl has its {"type":"done"} record
  std::string lastErrorLine;  // lastErrorLine() of its log
};

struct ExitOutcome {
  JobState state = JobState::Failed;
  std::string error;          // for last_error; empty when there is nothing to say
  bool publishModel = false;  // move <output_dir>/final into the fine-tuned models
};

ExitOutcome outcomeOf(const ProcessEnd& end, StopRequest request);

// The last line of `log` that holds "error: ", from there on ("error: data.jsonl:17: ..."); ""
// when there is none.
std::string lastErrorLine(const std::string& log);

}  // namespace mindllm::jobs
