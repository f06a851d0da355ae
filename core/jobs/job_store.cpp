#include "core/jobs/job_store.h"

#include <chrono>

#include "core/storage/schema_migrations.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/transaction.h"
#include "core/util/error.h"

namespace mindllm::jobs {

using storage::SqliteDb;
using storage::Statement;
using storage::Transaction;

namespace {

const char* const kJobColumns =
    "id, name, command, base_model, dataset, val_dataset, method, device, hyperparameters, state, created_at, "
    "queued_at, started_at, finished_at, updated_at, step, max_steps, pid, output_model, last_error";

Job readJob(const Statement& s, const std::string& dbPath) {
  Job j;
  j.id = s.int64At(0);
  j.name = s.textAt(1);
  j.command = s.textAt(2);
  j.baseModel = s.textAt(3);
  j.dataset = s.textAt(4);
  j.valDataset = s.textAt(5);
  j.method = s.textAt(6);
  j.device = s.textAt(7);
  const std::string where = dbPath + ": job " + std::to_string(j.id) + " hyperparameters";
  const Json hyper = Json::parse(s.textAt(8), nullptr, /*allow_exceptions=*/false);
  if (hyper.is_discarded()) throw Error(where + ": invalid JSON");
  j.hyperparameters = JobHyperparameters::fromJson(hyper, where);
  j.state = jobStateFromString(s.textAt(9));
  j.createdAt = s.int64At(10);
  j.queuedAt = s.int64At(11);
  j.startedAt = s.int64At(12);
  j.finishedAt = s.int64At(13);
  j.updatedAt = s.int64At(14);
  j.step = s.int64At(15);
  j.maxSteps = s.int64At(16);
  j.pid = s.int64At(17);
  j.outputModel = s.textAt(18);
  j.lastError = s.textAt(19);
  return j;
}

int64_t systemMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

JobStore::JobStore(const std::string& path, int busyTimeoutMs)
    : db_(std::make_unique<SqliteDb>(path, busyTimeoutMs)), clock_(systemMs) {
  {
    Statement journal = db_->prepare("PRAGMA journal_mode = WAL");
    const std::string mode = journal.step() ? journal.textAt(0) : std::string();
    if (mode != "wal") throw Error(path + ": cannot switch the database to WAL mode (journal_mode is " + mode + ")");
  }
  db_->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
  storage::migrateSchema(*db_);
}

JobStore::~JobStore() = default;

const std::string& JobStore::path() const { return db_->path(); }
void JobStore::setClock(std::function<int64_t()> nowMs) { clock_ = nowMs ? std::move(nowMs) : systemMs; }
int64_t JobStore::now() const { return clock_(); }

Job JobStore::create(const JobDraft& draft) {
  validateDraft(draft);
  Transaction tx(*db_);
  if (nameTaken(draft.name)) throw Error("job name \"" + draft.name + "\": another job already has this name");
  const int64_t t = now();
  Statement insert = db_->prepare(
      "INSERT INTO jobs (name, command, base_model, dataset, val_dataset, method, device, hyperparameters, state, "
      "created_at, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)");
  insert.bind(1, draft.name)
      .bind(2, draft.command)
      .bind(3, draft.baseModel)
      .bind(4, draft.dataset)
      .bind(5, draft.valDataset)
      .bind(6, draft.method)
      .bind(7, draft.device)
      .bind(8, draft.hyperparameters.toJson().dump())
      .bind(9, t)
      .bind(10, t)
      .bind(11, t);
  insert.run();
  const int64_t id = db_->lastInsertId();
  Job created = require(id);
  tx.commit();
  return created;
}

std::optional<Job> JobStore::job(int64_t id) const {
  Statement s = db_->prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return readJob(s, db_->path());
}

Job JobStore::require(int64_t id) const {
  std::optional<Job> j = job(id);
  if (!j) throw Error(db_->path() + ": job " + std::to_string(id) + " not found");
  return *j;
}

std::vector<Job> JobStore::list() const {
  Statement s = db_->prepare(std::string("SELECT ") + kJobColumns + " FROM jobs ORDER BY created_at DESC, id DESC");
  std::vector<Job> out;
  while (s.step()) out.push_back(readJob(s, db_->path()));
  return out;
}

bool JobStore::nameTaken(const std::string& name) const {
  Statement s = db_->prepare("SELECT COUNT(*) FROM jobs WHERE name = ?");
  s.bind(1, name);
  return s.step() && s.int64At(0) > 0;
}

Job JobStore::transition(int64_t id, JobState to, const TransitionDetails& details) {
  Transaction tx(*db_);
  const Job current = require(id);
  requireTransition(current.name, current.state, to);
  const int64_t t = now();
  Statement u = db_->prepare(
      "UPDATE jobs SET state = ?, updated_at = ?, queued_at = ?, started_at = ?, finished_at = ?, pid = ?, "
      "output_model = ?, last_error = ? WHERE id = ?");
  const bool queued = to == JobState::Queued, running = to == JobState::Running;
  std::string error = queued || running ? std::string() : current.lastError;
  if (!details.error.empty()) error = details.error;
  u.bind(1, toString(to))
      .bind(2, t)
      .bind(3, queued ? t : current.queuedAt)
      .bind(4, running ? t : current.startedAt)
      .bind(5, queued || running ? current.finishedAt : t)
      .bind(6, running ? details.pid : int64_t(0))
      .bind(7, details.outputModel.empty() ? current.outputModel : details.outputModel)
      .bind(8, error)
      .bind(9, id);
  u.run();
  Job updated = require(id);
  tx.commit();
  return updated;
}

void JobStore::setProgress(int64_t id, int64_t step, int64_t maxSteps) {
  Statement u = db_->prepare("UPDATE jobs SET step = ?, max_steps = ?, updated_at = ? WHERE id = ?");
  u.bind(1, step).bind(2, maxSteps).bind(3, now()).bind(4, id);
  u.run();
  if (db_->changes() == 0) throw Error(db_->path() + ": job " + std::to_string(id) + " not found");
}

std::vector<Job> JobStore::markRunningAsInterrupted() {
  Transaction tx(*db_);
  std::vector<Job> stranded;
  for (const Job& j : list())
    if (j.state == JobState::Running) stranded.push_back(j);
  const std::string why = "the app closed while this job was running; Resume continues from its last checkpoint";
  for (const Job& j : stranded) transition(j.id, JobState::Interrupted, {why});
  tx.commit();
  return stranded;
}

void JobStore::remove(int64_t id) {
  Transaction tx(*db_);
  const Job j = require(id);
  if (j.state == JobState::Queued || j.state == JobState::Running)
    throw Error("job \"" + j.name + "\": cancel it before deleting it (it is " + toString(j.state) + ")");
  Statement d = db_->prepare("DELETE FROM jobs WHERE id = ?");
  d.bind(1, id);
  d.run();
  tx.commit();
}

}  // namespace mindllm::jobs
