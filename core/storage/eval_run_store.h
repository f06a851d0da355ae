#pragma once
// EvalRunStore: the evaluation runs of the app's Evaluation page, in the app's SQLite database
// (the same file as the chat history; tables eval_runs and eval_scores, schema v5). Plain C++ on
// SqliteDb, no Qt, so the headless tools could list runs too.
//
// A run and all its group scores are written in one transaction: a run is either stored whole or
// not at all. One EvalRunStore belongs to one thread; open another on the same path elsewhere (WAL).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/eval_run_record.h"

namespace mindllm::storage {

class SqliteDb;

class EvalRunStore {
public:
  // Opens (creating if needed) the database at `path` and brings its schema up to date.
  explicit EvalRunStore(const std::string& path, int busyTimeoutMs = 5000);
  ~EvalRunStore();
  EvalRunStore(const EvalRunStore&) = delete;
  EvalRunStore& operator=(const EvalRunStore&) = delete;

  const std::string& path() const;

  // Stores `run` (its id is ignored) with its groups; returns the new id. Throws Error naming the
  // field when the run is incomplete (no model, no task, unknown group kind); nothing is stored then.
  int64_t add(const EvalRun& run);
  std::optional<EvalRun> run(int64_t id) const;  // with its groups
  // Newest first (started_at, then id), with their groups.
  std::vector<EvalRun> list() const;
  // Removes runs and their scores, in one transaction; unknown ids are ignored. Returns how many.
  int remove(const std::vector<int64_t>& ids);

private:
  std::vector<EvalGroupScore> groupsOf(int64_t runId) const;

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace mindllm::storage
