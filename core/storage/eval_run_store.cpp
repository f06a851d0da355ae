#include "core/storage/eval_run_store.h"

#include "core/storage/schema_migrations.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/transaction.h"
#include "core/util/error.h"

namespace mindllm::storage {
namespace {

const char* kRunColumns =
    "id, model_dir, model_name, task, title, data_path, metric, shots, scoring, item_limit, started_at, "
    "finished_at, state, error_text, score, items_done, items_per_second, report_json";

EvalRun readRun(const Statement& s) {
  EvalRun r;
  r.id = s.int64At(0);
  r.modelDir = s.textAt(1);
  r.modelName = s.textAt(2);
  r.task = s.textAt(3);
  r.title = s.textAt(4);
  r.dataPath = s.textAt(5);
  r.metric = s.textAt(6);
  r.shots = static_cast<int>(s.int64At(7));
  r.scoring = s.textAt(8);
  r.limit = static_cast<int>(s.int64At(9));
  r.startedAt = s.int64At(10);
  r.finishedAt = s.int64At(11);
  r.state = parseEvalRunState(s.textAt(12));
  r.error = s.textAt(13);
  r.score = s.doubleAt(14);
  r.itemsDone = s.int64At(15);
  r.itemsPerSecond = s.doubleAt(16);
  r.reportJson = s.textAt(17);
  return r;
}

// Names the field at fault, so a caller's bug shows where it is instead of a half-filled row.
void validate(const EvalRun& run) {
  if (run.modelDir.empty()) throw Error("eval run: field 'modelDir' is empty");
  if (run.task.empty()) throw Error("eval run: field 'task' is empty");
  for (size_t i = 0; i < run.groups.size(); ++i) {
    const EvalGroupScore& g = run.groups[i];
    if (g.kind != "average" && g.kind != "category" && g.kind != "subject")
      throw Error("eval run: groups[" + std::to_string(i) + "].kind: expected average, category or subject, got '" +
                  g.kind + "'");
    if (g.key.empty()) throw Error("eval run: groups[" + std::to_string(i) + "].key is empty");
  }
}

}  // namespace

EvalRunStore::EvalRunStore(const std::string& path, int busyTimeoutMs)
    : db_(std::make_unique<SqliteDb>(path, busyTimeoutMs)) {
  {
    Statement journal = db_->prepare("PRAGMA journal_mode = WAL");
    const std::string mode = journal.step() ? journal.textAt(0) : std::string();
    if (mode != "wal") throw Error(path + ": cannot switch the database to WAL mode (journal_mode is " + mode + ")");
  }
  db_->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
  migrateSchema(*db_);
}

EvalRunStore::~EvalRunStore() = default;

const std::string& EvalRunStore::path() const { return db_->path(); }

int64_t EvalRunStore::add(const EvalRun& run) {
  validate(run);
  Transaction tx(*db_);
  Statement insert = db_->prepare(
      "INSERT INTO eval_runs (model_dir, model_name, task, title, data_path, metric, shots, scoring, item_limit, "
      "started_at, finished_at, state, error_text, score, items_done, items_per_second, report_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, run.modelDir).bind(2, run.modelName).bind(3, run.task).bind(4, run.title).bind(5, run.dataPath);
  insert.bind(6, run.metric).bind(7, run.shots).bind(8, run.scoring).bind(9, run.limit);
  insert.bind(10, run.startedAt).bind(11, run.finishedAt).bind(12, toString(run.state)).bind(13, run.error);
  insert.bind(14, run.score).bind(15, run.itemsDone).bind(16, run.itemsPerSecond).bind(17, run.reportJson);
  insert.run();
  const int64_t id = db_->lastInsertId();
  Statement group = db_->prepare("INSERT INTO eval_scores (run_id, kind, key, name, count, score) VALUES (?, ?, ?, ?, ?, ?)");
  for (const EvalGroupScore& g : run.groups) {
    group.reset();
    group.bind(1, id).bind(2, g.kind).bind(3, g.key).bind(4, g.name).bind(5, g.count).bind(6, g.score);
    group.run();
  }
  tx.commit();
  return id;
}

std::vector<EvalGroupScore> EvalRunStore::groupsOf(int64_t runId) const {
  // Average first, then categories, then subjects, each in the order they were stored.
  Statement s = db_->prepare(
      "SELECT kind, key, name, count, score FROM eval_scores WHERE run_id = ? "
      "ORDER BY CASE kind WHEN 'average' THEN 0 WHEN 'category' THEN 1 ELSE 2 END, rowid");
  s.bind(1, runId);
  std::vector<EvalGroupScore> out;
  while (s.step()) out.push_back({s.textAt(0), s.textAt(1), s.textAt(2), s.int64At(3), s.doubleAt(4)});
  return out;
}

std::optional<EvalRun> EvalRunStore::run(int64_t id) const {
  Statement s = db_->prepare(std::string("SELECT ") + kRunColumns + " FROM eval_runs WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  EvalRun r = readRun(s);
  r.groups = groupsOf(id);
  return r;
}

std::vector<EvalRun> EvalRunStore::list() const {
  Statement s = db_->prepare(std::string("SELECT ") + kRunColumns + " FROM eval_runs ORDER BY started_at DESC, id DESC");
  std::vector<EvalRun> out;
  while (s.step()) out.push_back(readRun(s));
  for (EvalRun& r : out) r.groups = groupsOf(r.id);
  return out;
}

int EvalRunStore::remove(const std::vector<int64_t>& ids) {
  Transaction tx(*db_);
  Statement del = db_->prepare("DELETE FROM eval_runs WHERE id = ?");
  int removed = 0;
  for (int64_t id : ids) {
    del.reset();
    del.bind(1, id);
    del.run();
    removed += db_->changes();
  }
  tx.commit();
  return removed;
}

}  // namespace mindllm::storage
