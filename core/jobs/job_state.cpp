#include "core/jobs/job_state.h"

#include "core/util/error.h"

namespace mindllm::jobs {

const char* toString(JobState state) {
  switch (state) {
    case JobState::Queued: return "queued";
    case JobState::Running: return "running";
    case JobState::Paused: return "paused";
    case JobState::Interrupted: return "interrupted";
    case JobState::Succeeded: return "succeeded";
    case JobState::Failed: return "failed";
    case JobState::Cancelled: return "cancelled";
  }
  return "?";
}

JobState jobStateFromString(const std::string& name) {
  for (JobState s : {JobState::Queued, JobState::Running, JobState::Paused, JobState::Interrupted, JobState::Succeeded,
                     JobState::Failed, JobState::Cancelled})
    if (name == toString(s)) return s;
  throw Error("unknown job state \"" + name + "\"");
}

bool canTransition(JobState from, JobState to) {
  switch (to) {
    case JobState::Queued: return isResumable(from);
    case JobState::Running: return from == JobState::Queued;
    case JobState::Paused:
    case JobState::Interrupted:
    case JobState::Succeeded: return from == JobState::Running;
    case JobState::Failed: return from == JobState::Running || from == JobState::Queued;
    case JobState::Cancelled: return !isFinal(from);
  }
  return false;
}

void requireTransition(const std::string& jobName, JobState from, JobState to) {
  if (!canTransition(from, to))
    throw Error("job \"" + jobName + "\": cannot go from " + toString(from) + " to " + toString(to));
}

bool isFinal(JobState state) { return state == JobState::Succeeded || state == JobState::Cancelled; }

bool isResumable(JobState state) {
  return state == JobState::Paused || state == JobState::Interrupted || state == JobState::Failed;
}

}  // namespace mindllm::jobs
