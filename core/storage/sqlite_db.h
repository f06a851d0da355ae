#pragma once
// A thin RAII layer over the SQLite C API: one connection (SqliteDb) and prepared statements
// (Statement). Every failure throws mindllm::Error naming the database file and SQLite's message.
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mindllm::storage {

class SqliteDb;

class Statement {
public:
  Statement(SqliteDb& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bindNull(int index);

  // Advances to the next row; false when done. Throws on error.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Makes the statement ready to run again with new bindings.
  void reset();

  int64_t int64At(int column) const;
  double doubleAt(int column) const;
  std::string textAt(int column) const;
  bool isNull(int column) const;

private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
public:
  SqliteDb(const std::string& path, int busyTimeoutMs);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs one or more statements that return no rows.
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) { return Statement(*this, sql); }
  // First column of the first row as an integer (0 when no row): for PRAGMAs and counts.
  int64_t queryInt(const std::string& sql);

  int64_t lastInsertId() const;
  int changes() const;
  bool inTransaction() const;

  // Throws Error("<path>: <what>: <sqlite message>").
  [[noreturn]] void fail(const std::string& what) const;

private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace mindllm::storage
