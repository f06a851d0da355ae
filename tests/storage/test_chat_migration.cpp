// Migrations: a database file written by the first release (schema v1, created here with that
// release's SQL, not with ChatStore) must open with its history intact, gain the new columns and
// become searchable; a failing step must leave the file at the last whole version.
#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include "core/util/error.h"
#include "storage/store_fixture.h"

using namespace mindllm::storage;

namespace {

// The schema exactly as release v1 created it.
const char* const kSchemaV1 = R"sql(
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
  INSERT INTO conversations VALUES (2, 'Bond yields', 'finance', '', 2000, 3000, 0);
  INSERT INTO messages VALUES (1, 1, 'user', '公司未签订书面劳动合同，员工可以主张双倍工资吗？', 1000, 'complete', 0, 0);
  INSERT INTO messages VALUES (2, 1, 'assistant', '根据《劳动合同法》第八十二条，可以主张二倍工资。', 5000, 'complete', 42, 9.5);
  INSERT INTO messages VALUES (3, 2, 'user', 'Why do bond prices fall when yields rise?', 2000, 'complete', 0, 0);
  INSERT INTO messages VALUES (4, 2, 'assistant', 'Because the fixed coupons are worth less', 3000, 'stopped', 8, 4.0);
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

int userVersion(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const int version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return version;
}

}  // namespace

class TestChatMigration : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void migratesReleaseOneFile() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    runSql(path, kSchemaV1);
    QCOMPARE(userVersion(path), 1);

    auto store = storage_test::openStore(path);
    QCOMPARE(store->schemaVersion(), ChatStore::currentSchemaVersion());
    QCOMPARE(userVersion(path), ChatStore::currentSchemaVersion());

    // The history survived, with defaults for the new columns.
    const Conversation legal = *store->conversation(1);
    QCOMPARE(legal.title, std::string("劳动合同纠纷"));
    QCOMPARE(legal.assistant, std::string("legal"));
    QVERIFY(legal.pinned);
    QCOMPARE(legal.updatedAt, int64_t{5000});
    QCOMPARE(legal.settingsJson, std::string("{}"));
    QCOMPARE(legal.deletedAt, int64_t{0});
    const auto messages = store->messages(1);
    QCOMPARE(messages.size(), size_t{2});
    QCOMPARE(messages[1].tokens, int64_t{42});
    QCOMPARE(messages[1].tokensPerSecond, 9.5);
    QCOMPARE(messages[1].parentId, int64_t{0});
    QCOMPARE(store->message(4)->state, MessageState::Stopped);

    // Old messages are in the new full-text index (3+ characters and the 2-character fallback).
    auto hits = store->search("劳动合同法");
    QCOMPARE(hits.size(), size_t{1});
    QCOMPARE(hits[0].messageId, int64_t{2});
    hits = store->search("工资");
    QCOMPARE(hits.size(), size_t{2});
    hits = store->search("bond yields");
    QCOMPARE(hits.size(), size_t{1});
    QCOMPARE(hits[0].messageId, int64_t{3});

    // New features work on the migrated file, and ids continue after the old ones.
    store->setGenerationSettings(2, R"({"temperature":0.3})");
    const Message added = store->addMessage(2, kRoleUser, "And duration?");
    QVERIFY(added.id > 4);
    store->deleteConversation(2);
    QCOMPARE(store->listConversations().size(), size_t{1});
    QCOMPARE(store->integrityCheck(), std::string("ok"));

    // Opening again is a no-op.
    store.reset();
    ChatStore again(path);
    QCOMPARE(again.schemaVersion(), ChatStore::currentSchemaVersion());
    QCOMPARE(again.messages(2).size(), size_t{3});
  }

  void failingStepKeepsTheLastWholeVersion() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    runSql(path, kSchemaV1);
    // A stray table with the index's name makes the search step (v3) fail.
    runSql(path, "CREATE TABLE messages_fts (x)");
    try {
      ChatStore store(path);
      QFAIL("the migration must fail");
    } catch (const mindllm::Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find(path) != std::string::npos, e.what());
      QVERIFY2(what.find("schema version 3") != std::string::npos, e.what());
    }
    QCOMPARE(userVersion(path), 2);  // v2 committed, v3 rolled back as a whole
    runSql(path, "DROP TABLE messages_fts");
    ChatStore store(path);
    QCOMPARE(store.schemaVersion(), ChatStore::currentSchemaVersion());  // v3 and every later step
    QCOMPARE(store.search("coupons").size(), size_t{1});
  }
};

QTEST_GUILESS_MAIN(TestChatMigration)
#include "test_chat_migration.moc"
