// Evaluation runs in the app database: a file from before the eval tables (schema v1, with chat
// history) gains them when EvalRunStore opens it and keeps its conversations; runs round-trip with
// their per-group scores, list newest first, survive reopening, delete with their scores; a bad
// run names the field and stores nothing.
#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include "core/storage/eval_run_store.h"
#include "core/util/error.h"
#include "storage/store_fixture.h"

using namespace mindllm::storage;

namespace {

const char* const kChatSchemaV1 = R"sql(
  CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL DEFAULT '',
    assistant TEXT NOT NULL DEFAULT 'general', model_id TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'complete', tokens INTEGER NOT NULL DEFAULT 0,
    tokens_per_second REAL NOT NULL DEFAULT 0);
  CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
  INSERT INTO conversations VALUES (1, '劳动合同纠纷', 'legal', 'mindllm-1.3b', 1000, 5000, 1);
  INSERT INTO messages VALUES (1, 1, 'user', '公司未签订书面劳动合同，员工可以主张双倍工资吗？', 1000, 'complete', 0, 0);
  INSERT INTO messages VALUES (2, 1, 'assistant', '可以主张二倍工资。', 5000, 'complete', 42, 9.5);
  PRAGMA user_version = 1;
)sql";

void runSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  QVERIFY2(rc == SQLITE_OK, message.c_str());
}

int64_t countRows(const std::string& path, const char* table) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, (std::string("SELECT count(*) FROM ") + table).c_str(), -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const int64_t n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

EvalRun sampleRun(const std::string& task, int64_t startedAt, double average) {
  EvalRun r;
  r.modelDir = "/models/tiny-llama";
  r.modelName = "tiny-llama";
  r.task = task;
  r.title = task == "ceval" ? "C-Eval" : "law-choice";
  r.dataPath = "/data/" + task;
  r.shots = 2;
  r.scoring = "option";
  r.limit = 10;
  r.startedAt = startedAt;
  r.finishedAt = startedAt + 4200;
  r.state = EvalRunState::Done;
  r.score = average;
  r.itemsDone = 8;
  r.itemsPerSecond = 3.25;
  r.reportJson = R"({"task":")" + task + R"("})";
  r.groups = {{"average", "average", "Average", 8, average},
              {"category", "Humanities", "Humanities", 5, 0.4},
              {"category", "STEM", "STEM", 3, 0.6667},
              {"subject", "law", "法学", 5, 0.4},
              {"subject", "computer_network", "计算机网络", 3, 0.6667}};
  return r;
}

}  // namespace

class TestEvalRunStore : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void migrationFromAnOlderFileKeepsTheChats() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    runSql(path, kChatSchemaV1);
    {
      EvalRunStore runs(path);
      QCOMPARE(runs.list().size(), size_t{0});
      runs.add(sampleRun("ceval", 10'000, 0.5));
    }
    auto chats = storage_test::openStore(path);
    QCOMPARE(chats->schemaVersion(), ChatStore::currentSchemaVersion());
    QVERIFY(ChatStore::currentSchemaVersion() >= 5);
    const auto messages = chats->messages(1);
    QCOMPARE(messages.size(), size_t{2});
    QCOMPARE(messages[1].content, std::string("可以主张二倍工资。"));
    QCOMPARE(chats->conversation(1)->title, std::string("劳动合同纠纷"));
    QCOMPARE(chats->search("劳动合同").size(), size_t{1});
    QCOMPARE(chats->integrityCheck(), std::string("ok"));
    // The chat store and the run store share the file; the run is still there.
    QCOMPARE(EvalRunStore(path).list().size(), size_t{1});
  }

  void runsRoundTripWithTheirGroups() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    int64_t firstId = 0;
    int64_t secondId = 0;
    {
      EvalRunStore store(path);
      firstId = store.add(sampleRun("ceval", 10'000, 0.5));
      EvalRun cancelled = sampleRun("domain", 20'000, 0.25);
      cancelled.state = EvalRunState::Cancelled;
      cancelled.groups.resize(1);
      secondId = store.add(cancelled);
      QVERIFY(secondId > firstId);
    }
    EvalRunStore store(path);  // reopened: what the app sees after a restart
    const auto runs = store.list();
    QCOMPARE(runs.size(), size_t{2});
    QCOMPARE(runs[0].id, secondId);  // newest first
    QCOMPARE(runs[0].state, EvalRunState::Cancelled);
    QCOMPARE(runs[0].groups.size(), size_t{1});

    const EvalRun expected = sampleRun("ceval", 10'000, 0.5);
    const EvalRun& got = runs[1];
    QCOMPARE(got.id, firstId);
    QCOMPARE(got.modelDir, expected.modelDir);
    QCOMPARE(got.modelName, expected.modelName);
    QCOMPARE(got.task, expected.task);
    QCOMPARE(got.title, expected.title);
    QCOMPARE(got.dataPath, expected.dataPath);
    QCOMPARE(got.metric, std::string("accuracy"));
    QCOMPARE(got.shots, 2);
    QCOMPARE(got.scoring, std::string("option"));
    QCOMPARE(got.limit, 10);
    QCOMPARE(got.startedAt, int64_t{10'000});
    QCOMPARE(got.finishedAt, int64_t{14'200});
    QCOMPARE(got.state, EvalRunState::Done);
    QCOMPARE(got.score, 0.5);
    QCOMPARE(got.itemsDone, int64_t{8});
    QCOMPARE(got.itemsPerSecond, 3.25);
    QCOMPARE(got.reportJson, expected.reportJson);
    QCOMPARE(got.groups.size(), expected.groups.size());
    for (size_t i = 0; i < got.groups.size(); ++i) {
      QCOMPARE(got.groups[i].kind, expected.groups[i].kind);
      QCOMPARE(got.groups[i].key, expected.groups[i].key);
      QCOMPARE(got.groups[i].name, expected.groups[i].name);
      QCOMPARE(got.groups[i].count, expected.groups[i].count);
      QCOMPARE(got.groups[i].score, expected.groups[i].score);
    }
    QVERIFY(got.group("subject", "law"));
    QCOMPARE(got.group("subject", "law")->name, std::string("法学"));
    QVERIFY(!got.group("subject", "physics"));
    QCOMPARE(store.run(firstId)->groups.size(), size_t{5});
    QVERIFY(!store.run(9999));
  }

  void failedRunKeepsItsError() {
    QTemporaryDir dir;
    EvalRunStore store(storage_test::dbPath(dir));
    EvalRun failed = sampleRun("gsm8k", 1, 0);
    failed.state = EvalRunState::Failed;
    failed.error = "model ran out of memory";
    failed.groups.clear();
    const int64_t id = store.add(failed);
    QCOMPARE(store.run(id)->state, EvalRunState::Failed);
    QCOMPARE(store.run(id)->error, failed.error);
  }

  void deleteRemovesTheRunAndItsScores() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    EvalRunStore store(path);
    const int64_t a = store.add(sampleRun("ceval", 1, 0.5));
    const int64_t b = store.add(sampleRun("ceval", 2, 0.75));
    QCOMPARE(countRows(path, "eval_scores"), int64_t{10});
    QCOMPARE(store.remove({a, 12345}), 1);
    QCOMPARE(store.list().size(), size_t{1});
    QCOMPARE(store.list()[0].id, b);
    QCOMPARE(countRows(path, "eval_scores"), int64_t{5});
  }

  void badRunNamesTheFieldAndStoresNothing() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    EvalRunStore store(path);
    EvalRun bad = sampleRun("ceval", 1, 0.5);
    bad.groups.push_back({"chapter", "x", "x", 1, 0.1});
    try {
      store.add(bad);
      QFAIL("a group of an unknown kind must be refused");
    } catch (const mindllm::Error& e) {
      QVERIFY2(std::string(e.what()).find("groups[5].kind") != std::string::npos, e.what());
    }
    // A failure inside the transaction (duplicate group key) rolls the run back too.
    EvalRun duplicate = sampleRun("ceval", 1, 0.5);
    duplicate.groups.push_back(duplicate.groups[3]);
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store.add(duplicate));
    QCOMPARE(store.list().size(), size_t{0});
    QCOMPARE(countRows(path, "eval_runs"), int64_t{0});
    QCOMPARE(countRows(path, "eval_scores"), int64_t{0});
  }
};

QTEST_GUILESS_MAIN(TestEvalRunStore)
#include "test_eval_run_store.moc"
