#pragma once
// RAII transaction: commits only when commit() is called, rolls back otherwise (an exception
// leaves the database as it was). The outermost one takes the write lock at once (BEGIN
// IMMEDIATE) so that two writers wait on the busy timeout instead of failing mid-way; nested
// ones become savepoints, so helpers that open their own transaction can be called from inside
// a bigger one.
#include <string>

#include "core/storage/sqlite_db.h"

namespace mindllm::storage {

class Transaction {
public:
  explicit Transaction(SqliteDb& db) : db_(db), nested_(db.inTransaction()) {
    db_.exec(nested_ ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
  }
  ~Transaction() {
    if (done_) return;
    try {
      db_.exec(nested_ ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
    } catch (...) {
      // A failed rollback leaves SQLite to roll back when the connection closes; never throw here.
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    db_.exec(nested_ ? "RELEASE nested" : "COMMIT");
    done_ = true;
  }

private:
  SqliteDb& db_;
  bool nested_;
  bool done_ = false;
};

}  // namespace mindllm::storage
