#include "core/jobs/job_exit.h"

namespace mindllm::jobs {

ExitOutcome outcomeOf(const ProcessEnd& end, StopRequest request) {
  // Cancel wins over everything: a cancelled job never publishes a model, even one that finished
  // in the moment between the click and the signal.
  if (request == StopRequest::Cancel) return {JobState::Cancelled, {}, false};
  if (end.crashed) {
    if (request == StopRequest::AppClosing)
      return {JobState::Interrupted, "the app closed while this job was running; Resume continues from its last checkpoint"};
    return {JobState::Failed,
            "the training process ended unexpectedly (killed, out of memory or crashed); Resume continues from its last "
            "checkpoint"};
  }
  switch (end.exitCode) {
    case kExitFinished:
      if (end.sawDone) return {JobState::Succeeded, {}, true};
      return {JobState::Failed, "the training process exited without writing its model (no \"done\" record in metrics.jsonl)"};
    case kExitStopped:
      if (request == StopRequest::AppClosing)
        return {JobState::Interrupted, "the app closed while this job was running; Resume continues from its last checkpoint"};
      if (request == StopRequest::Pause) return {JobState::Paused, {}};
      return {JobState::Paused, "stopped from outside the app; Resume continues from its last checkpoint"};
    default:
      if (!end.lastErrorLine.empty()) return {JobState::Failed, end.lastErrorLine};
      return {JobState::Failed, "the training process exited with status " + std::to_string(end.exitCode)};
  }
}

std::string lastErrorLine(const std::string& log) {
  size_t end = log.size();
  while (end > 0) {
    const size_t start = log.rfind('\n', end - 1);
    const size_t lineStart = start == std::string::npos ? 0 : start + 1;
    std::string line = log.substr(lineStart, end - lineStart);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    const size_t at = line.find("error: ");
    if (at != std::string::npos) return line.substr(at);
    if (start == std::string::npos) break;
    end = start;
  }
  return {};
}

}  // namespace mindllm::jobs
