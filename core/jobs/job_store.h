#pragma once
// JobStore: the fine-tuning jobs in the app's SQLite database (the same file as the chat history,
// table `jobs`, schema v4). Plain C++ on core/storage's SqliteDb, no Qt.
//
// Every change is one transaction; a state change is checked against the state the row holds
// now (core/jobs/job_state.h), so two windows or a stale view cannot move a job backwards.
// Errors throw mindllm::Error naming the database file or the job and field; a failed call
// changes nothing. One JobStore belongs to one thread (open another on the same path elsewhere).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/jobs/job_record.h"

namespace mindllm::storage {
class SqliteDb;
}

namespace mindllm::jobs {

// What a state change records besides the state.
struct TransitionDetails {
  std::string error;        // last_error (kept as is when empty, cleared when the job is queued again)
  std::string outputModel;  // output_model, for succeeded
  int64_t pid = 0;          // for running
};

class JobStore {
public:
  // Opens (creating if needed) the database and brings its schema up to date.
  explicit JobStore(const std::string& path, int busyTimeoutMs = 5000);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  const std::string& path() const;

  // Adds a queued job. Throws (and adds nothing) when the draft is invalid or the name is taken.
  Job create(const JobDraft& draft);
  std::optional<Job> job(int64_t id) const;
  Job require(int64_t id) const;  // throws Error("job <id> not found")
  // Newest first.
  std::vector<Job> list() const;
  bool nameTaken(const std::string& name) const;

  // Moves job `id` to `to` if the life cycle allows it from the state stored now (else throws and
  // changes nothing), sets the matching timestamps, and returns the updated row.
  Job transition(int64_t id, JobState to, const TransitionDetails& details = {});
  // Progress seen in the job's metrics (kept so the list shows it after a restart).
  void setProgress(int64_t id, int64_t step, int64_t maxSteps);

  // Call once at app start, before any job runs: every job still "running" belongs to a process
  // of an app that is gone, so it becomes "interrupted" (Resume continues from its checkpoint).
  // Returns those jobs (with their old pid, so the caller can make sure the process is gone).
  std::vector<Job> markRunningAsInterrupted();

  // Deletes a job that is not queued or running. Its folder is the caller's to remove.
  void remove(int64_t id);

  void setClock(std::function<int64_t()> nowMs);

private:
  int64_t now() const;

  std::unique_ptr<storage::SqliteDb> db_;
  std::function<int64_t()> clock_;
};

}  // namespace mindllm::jobs
