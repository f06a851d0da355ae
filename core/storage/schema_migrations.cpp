#include "core/storage/schema_migrations.h"

#include <string>
#include <vector>

#include "core/storage/sqlite_db.h"
#include "core/storage/transaction.h"
#include "core/util/error.h"

namespace mindllm::storage {
namespace {

struct Migration {
  int toVersion;
  const char* sql;
};

// Append only: a released step never changes, because files in the field were made by it.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      // v1: conversations and their messages (the first release).
      {1, R"sql(
        CREATE TABLE conversations (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused: the UI keeps them
          title      TEXT    NOT NULL DEFAULT '',
          assistant  TEXT    NOT NULL DEFAULT 'general',
          model_id   TEXT    NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          pinned     INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE messages (
          id                INTEGER PRIMARY KEY AUTOINCREMENT,
          conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          role              TEXT    NOT NULL,
          content           TEXT    NOT NULL DEFAULT '',
          created_at        INTEGER NOT NULL,
          state             TEXT    NOT NULL DEFAULT 'complete',
          tokens            INTEGER NOT NULL DEFAULT 0,
          tokens_per_second REAL    NOT NULL DEFAULT 0
        );
        CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
      )sql"},
      // v2: per-conversation settings, soft delete (undo), regeneration bookkeeping.
      {2, R"sql(
        ALTER TABLE conversations ADD COLUMN settings_json TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
        ALTER TABLE conversations ADD COLUMN deleted_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN parent_id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN regeneration INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN error_text TEXT NOT NULL DEFAULT '';
        CREATE INDEX conversations_by_update ON conversations(deleted_at, pinned, updated_at);
        CREATE INDEX messages_by_time ON messages(created_at);
      )sql"},
      // v3: full-text search. Trigram tokens work for Chinese (no word spaces) and English alike.
      // Contentless: the index keeps no second copy of the text; triggers feed it, also for the
      // cascade deletes of a whole conversation. Each text is indexed with two U+E000 (private
      // use, never typed) appended, so that every 1-2 character substring starts some trigram:
      // short queries then find their trigrams by prefix (message_search.cpp) instead of scanning.
      {3, R"sql(
        CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='', tokenize='trigram');
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
          INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(57344, 57344));
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content || char(57344, 57344));
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
          INSERT INTO messages_fts(messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content || char(57344, 57344));
          INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(57344, 57344));
        END;
        INSERT INTO messages_fts(rowid, content) SELECT id, content || char(57344, 57344) FROM messages;
      )sql"},
      // v4: fine-tuning jobs (core/jobs/job_store.h). The name is unique because it names the
      // fine-tuned model's folder; hyperparameters is a JSON object (core/jobs/job_hyperparameters.h).
      {4, R"sql(
        CREATE TABLE jobs (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- also the job's folder name
          name            TEXT    NOT NULL UNIQUE,
          command         TEXT    NOT NULL DEFAULT 'finetune',
          base_model      TEXT    NOT NULL,
          dataset         TEXT    NOT NULL,
          val_dataset     TEXT    NOT NULL DEFAULT '',
          method          TEXT    NOT NULL DEFAULT 'lora',
          device          TEXT    NOT NULL DEFAULT 'cpu',
          hyperparameters TEXT    NOT NULL DEFAULT '{}',
          state           TEXT    NOT NULL DEFAULT 'queued',
          created_at      INTEGER NOT NULL,
          queued_at       INTEGER NOT NULL,
          started_at      INTEGER NOT NULL DEFAULT 0,
          finished_at     INTEGER NOT NULL DEFAULT 0,
          updated_at      INTEGER NOT NULL,
          step            INTEGER NOT NULL DEFAULT 0,
          max_steps       INTEGER NOT NULL DEFAULT 0,
          pid             INTEGER NOT NULL DEFAULT 0,
          output_model    TEXT    NOT NULL DEFAULT '',
          last_error      TEXT    NOT NULL DEFAULT ''
        );
        CREATE INDEX jobs_by_state ON jobs(state, queued_at);
      )sql"},
      // v5: evaluation runs of the app's Evaluation page (core/storage/eval_run_store.h). A run's
      // overall score is a column so lists and charts need no JSON; per-group scores (average,
      // categories, subjects) are rows of eval_scores; the whole report stays in report_json.
      {5, R"sql(
        CREATE TABLE eval_runs (
          id               INTEGER PRIMARY KEY AUTOINCREMENT,
          model_dir        TEXT    NOT NULL,
          model_name       TEXT    NOT NULL,
          task             TEXT    NOT NULL,
          title            TEXT    NOT NULL DEFAULT '',
          data_path        TEXT    NOT NULL DEFAULT '',
          metric           TEXT    NOT NULL DEFAULT 'accuracy',
          shots            INTEGER NOT NULL DEFAULT -1,
          scoring          TEXT    NOT NULL DEFAULT 'letter',
          item_limit       INTEGER NOT NULL DEFAULT 0,
          started_at       INTEGER NOT NULL,
          finished_at      INTEGER NOT NULL,
          state            TEXT    NOT NULL,
          error_text       TEXT    NOT NULL DEFAULT '',
          score            REAL    NOT NULL DEFAULT 0,
          items_done       INTEGER NOT NULL DEFAULT 0,
          items_per_second REAL    NOT NULL DEFAULT 0,
          report_json      TEXT    NOT NULL DEFAULT '{}'
        );
        CREATE INDEX eval_runs_by_time ON eval_runs(started_at);
        CREATE TABLE eval_scores (
          run_id  INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
          kind    TEXT    NOT NULL,   -- average | category | subject
          key     TEXT    NOT NULL,
          name    TEXT    NOT NULL DEFAULT '',
          count   INTEGER NOT NULL DEFAULT 0,
          score   REAL    NOT NULL DEFAULT 0,
          PRIMARY KEY (run_id, kind, key)
        );
      )sql"},
  };
  return steps;
}

}  // namespace

int latestSchemaVersion() { return migrations().back().toVersion; }

void migrateSchema(SqliteDb& db) {
  const int version = static_cast<int>(db.queryInt("PRAGMA user_version"));
  if (version > latestSchemaVersion()) {
    throw Error(db.path() + ": schema version " + std::to_string(version) + " is newer than this program understands (" +
                std::to_string(latestSchemaVersion()) + "); please update MindLLM Studio");
  }
  for (const Migration& step : migrations()) {
    if (step.toVersion <= version) continue;
    try {
      Transaction tx(db);
      // Another process may have migrated while we waited for the write lock: read again.
      if (db.queryInt("PRAGMA user_version") < step.toVersion) {
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.toVersion));
      }
      tx.commit();
    } catch (const Error& e) {
      throw Error(db.path() + ": migration to schema version " + std::to_string(step.toVersion) + " failed: " + e.what());
    }
  }
}

}  // namespace mindllm::storage
