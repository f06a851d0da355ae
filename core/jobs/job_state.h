#pragma once
// The life cycle of a fine-tuning job, and the one place that says which changes are allowed.
//
//   queued -> running -> succeeded | failed | cancelled | paused | interrupted
//   paused | interrupted | failed -> queued   (Resume: the command continues from its last checkpoint)
//   queued | paused | interrupted | failed -> cancelled
//
// "interrupted" is what a job that was running becomes when the app closed or died under it.
#include <string>

namespace mindllm::jobs {

enum class JobState { Queued, Running, Paused, Interrupted, Succeeded, Failed, Cancelled };

const char* toString(JobState state);
// Throws Error for an unknown name (a database written by a newer version).
JobState jobStateFromString(const std::string& name);

bool canTransition(JobState from, JobState to);
// Throws Error("job <name>: cannot go from <from> to <to>") when canTransition is false.
void requireTransition(const std::string& jobName, JobState from, JobState to);

// Succeeded and cancelled jobs are over: no Resume.
bool isFinal(JobState state);
// Resume puts the job back in the queue; it continues from its last checkpoint.
bool isResumable(JobState state);

}  // namespace mindllm::jobs
