#pragma once
// Shared by the job tests: a temporary folder to write files and databases in, drafts with
// sensible fields, a fake clock, and a dump of every row of every table, to show that a failed
// operation changed nothing. (The UI job tests include this too, so it declares nothing in
// mindllm::test: their `test::` means mindllm::ui::test.)
#include <QString>
#include <QTemporaryDir>
#include <QtGlobal>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/jobs/job_record.h"

namespace jobs_test {

// One test's scratch folder, removed with it: files written into it (parent folders made) and
// fresh database paths (db1.sqlite, db2.sqlite, ...), so no test sees another's rows.
class TempFolder {
public:
  TempFolder() {
    if (!dir_.isValid()) qFatal("cannot create a temporary folder");
  }
  std::string path(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = path(name);
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  std::string freshDatabase() { return path("db" + std::to_string(++databases_) + ".sqlite"); }

private:
  QTemporaryDir dir_;
  int databases_ = 0;
};


struct FakeClock {
  int64_t nowMs = 1'700'000'000'000;
  int64_t operator()() { return nowMs += 1000; }
};

inline mindllm::jobs::JobDraft draft(const std::string& name, const std::string& device = "cpu") {
  mindllm::jobs::JobDraft d;
  d.name = name;
  d.baseModel = "/models/tiny";
  d.dataset = "/data/train.jsonl";
  d.device = device;
  return d;
}

// Every row of every table, sorted by table name, as text (the FTS shadow tables included).
inline std::string dumpDatabase(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open";
  std::string out;
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &tables, nullptr);
  while (sqlite3_step(tables) == SQLITE_ROW) {
    const std::string table = reinterpret_cast<const char*>(sqlite3_column_text(tables, 0));
    if (table == "messages_fts") continue;  // contentless virtual table: its rows live in the shadow tables
    out += "[" + table + "]\n";
    sqlite3_stmt* rows = nullptr;
    if (sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\" ORDER BY 1").c_str(), -1, &rows, nullptr) != SQLITE_OK)
      continue;
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(rows); ++c) {
        const unsigned char* v = sqlite3_column_text(rows, c);
        out += (c ? "|" : "") + std::string(v ? reinterpret_cast<const char*>(v) : "NULL");
      }
      out += "\n";
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tables);
  sqlite3_close(db);
  return out;
}

}  // namespace jobs_test
