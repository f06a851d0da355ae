// ChatStore basics: conversations (create, rename, pin, order, filters, soft delete, undo, purge),
// messages (add, stream, finish, edit-and-resend, regenerate) and the connection settings.
#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>
#include <thread>

#include "core/util/error.h"
#include "core/util/json_file.h"
#include "storage/store_fixture.h"

using namespace mindllm::storage;
using storage_test::draft;
using storage_test::openStore;

namespace {

// What another process would read: a second connection that knows nothing of the first's buffers.
std::string contentOnDisk(const std::string& path, int64_t messageId) {
  ChatStore reader(path);
  auto m = reader.message(messageId);
  return m ? m->content : std::string("<missing>");
}

std::string pragmaText(sqlite3* db, const char* pragma) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, pragma, -1, &stmt, nullptr);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace

class TestChatStore : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void opensInWalWithForeignKeys() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    QCOMPARE(pragmaText(store->handle(), "PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(pragmaText(store->handle(), "PRAGMA foreign_keys"), std::string("1"));
    QCOMPARE(store->schemaVersion(), ChatStore::currentSchemaVersion());
    QVERIFY(ChatStore::currentSchemaVersion() >= 2);
    QCOMPARE(store->integrityCheck(), std::string("ok"));
  }

  void refusesNewerSchema() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    { openStore(path)->handle(); }
    {
      sqlite3* db = nullptr;
      sqlite3_open(path.c_str(), &db);
      sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
      sqlite3_close(db);
    }
    try {
      ChatStore store(path);
      QFAIL("opening a newer schema must fail");
    } catch (const mindllm::Error& e) {
      QVERIFY2(std::string(e.what()).find("99") != std::string::npos, e.what());
      QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
    }
  }

  void createReadRenameAndSettings() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    Conversation d = draft("合同审查", kAssistantLegal);
    d.modelId = "/models/mindllm-1.3b";
    d.settingsJson = R"({"temperature":0.7})";
    d.systemPrompt = "你是一名律师助理。";
    const Conversation c = store->createConversation(d);
    QVERIFY(c.id > 0);
    QCOMPARE(c.title, std::string("合同审查"));
    QCOMPARE(c.assistant, std::string("legal"));
    QCOMPARE(c.modelId, std::string("/models/mindllm-1.3b"));
    QCOMPARE(c.systemPrompt, std::string("你是一名律师助理。"));
    QCOMPARE(c.createdAt, c.updatedAt);
    QCOMPARE(c.deletedAt, int64_t{0});

    store->renameConversation(c.id, "Lease review");
    store->setGenerationSettings(c.id, R"({"temperature": 0.2, "top_k": 40})");
    store->setModel(c.id, "mindllm-3b");
    store->setAssistant(c.id, kAssistantFinance);
    const Conversation after = *store->conversation(c.id);
    QCOMPARE(after.title, std::string("Lease review"));
    QCOMPARE(after.assistant, std::string("finance"));
    QCOMPARE(after.modelId, std::string("mindllm-3b"));
    QCOMPARE(mindllm::Json::parse(after.settingsJson)["top_k"].get<int>(), 40);
    QVERIFY(after.updatedAt > c.updatedAt);

    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->setGenerationSettings(c.id, "[1,2]"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->setGenerationSettings(c.id, "{oops"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->renameConversation(9999, "x"));
    QVERIFY(!store->conversation(9999).has_value());
  }

  void listsNewestFirstWithPinnedOnTop() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    const int64_t a = store->createConversation(draft("a")).id;
    const int64_t b = store->createConversation(draft("b")).id;
    const int64_t c = store->createConversation(draft("c")).id;
    auto titles = [&](const ConversationFilter& f = {}) {
      std::vector<std::string> out;
      for (const auto& conv : store->listConversations(f)) out.push_back(conv.title);
      return out;
    };
    QCOMPARE(titles(), (std::vector<std::string>{"c", "b", "a"}));
    store->addMessage(a, kRoleUser, "hello");  // activity moves a to the top
    QCOMPARE(titles(), (std::vector<std::string>{"a", "c", "b"}));
    store->setPinned(b, true);  // pinning is not activity, but pinned come first
    QCOMPARE(titles(), (std::vector<std::string>{"b", "a", "c"}));
    QVERIFY(store->conversation(b)->pinned);
    ConversationFilter unpinnedOrder;
    unpinnedOrder.pinnedFirst = false;
    QCOMPARE(titles(unpinnedOrder), (std::vector<std::string>{"a", "c", "b"}));
    store->setPinned(b, false);
    QCOMPARE(titles(), (std::vector<std::string>{"a", "c", "b"}));
    ConversationFilter limited;
    limited.limit = 2;
    QCOMPARE(titles(limited).size(), size_t{2});
    QCOMPARE(store->conversation(a)->messageCount, int64_t{1});
    Q_UNUSED(c);
  }

  void filtersByAssistantDateAndText() {
    QTemporaryDir dir;
    auto clock = std::make_shared<storage_test::FakeClock>();
    auto store = openStore(storage_test::dbPath(dir), clock);
    const int64_t legal = store->createConversation(draft("租赁合同", kAssistantLegal)).id;
    const int64_t t1 = clock->nowMs;
    const int64_t finance = store->createConversation(draft("Quarterly earnings", kAssistantFinance)).id;
    store->addMessage(finance, kRoleUser, "What drove the revenue growth in Q3?");
    const int64_t t2 = clock->nowMs;
    store->createConversation(draft("Misc"));

    ConversationFilter byAssistant;
    byAssistant.assistant = kAssistantFinance;
    auto list = store->listConversations(byAssistant);
    QCOMPARE(list.size(), size_t{1});
    QCOMPARE(list[0].id, finance);

    ConversationFilter byDate;
    byDate.updatedFrom = t1 + 1;
    byDate.updatedTo = t2 + 1;
    list = store->listConversations(byDate);
    QCOMPARE(list.size(), size_t{1});
    QCOMPARE(list[0].id, finance);

    ConversationFilter byTitle;
    byTitle.text = "合同";
    list = store->listConversations(byTitle);
    QCOMPARE(list.size(), size_t{1});
    QCOMPARE(list[0].id, legal);

    ConversationFilter byContent;
    byContent.text = "REVENUE growth";
    list = store->listConversations(byContent);
    QCOMPARE(list.size(), size_t{1});
    QCOMPARE(list[0].id, finance);
    byContent.text = "q3";  // a short term, through the trigram prefixes
    list = store->listConversations(byContent);
    QCOMPARE(list.size(), size_t{1});
    QCOMPARE(list[0].id, finance);
    byContent.text = "q4";
    QVERIFY(store->listConversations(byContent).empty());
  }

  void softDeleteUndoAndPurge() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    const int64_t keep = store->createConversation(draft("keep")).id;
    const int64_t gone = store->createConversation(draft("gone")).id;
    store->addMessage(gone, kRoleUser, "unique needle text");
    store->deleteConversation(gone);
    QCOMPARE(store->listConversations().size(), size_t{1});
    QVERIFY(store->search("needle").empty());
    QVERIFY(store->conversation(gone)->deletedAt != 0);
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->addMessage(gone, kRoleUser, "no"));
    ConversationFilter trash;
    trash.deleted = true;
    QCOMPARE(store->listConversations(trash).size(), size_t{1});

    store->restoreConversation(gone);  // undo
    QCOMPARE(store->listConversations().size(), size_t{2});
    QCOMPARE(store->search("needle").size(), size_t{1});
    QCOMPARE(store->messages(gone).size(), size_t{1});

    store->deleteConversation(gone);
    QCOMPARE(store->purgeDeleted(), 1);
    QVERIFY(!store->conversation(gone).has_value());
    QVERIFY(store->conversation(keep).has_value());
    // The cascade removed the messages and the triggers their index entries.
    QVERIFY(store->messages(gone).empty());
    QVERIFY(store->search("needle").empty());
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->restoreConversation(gone));
    store->purgeConversation(keep);
    QVERIFY(store->listConversations().empty());
    QCOMPARE(store->integrityCheck(), std::string("ok"));
  }

  void messagesInOrder() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    const int64_t c = store->createConversation(draft("t")).id;
    const Message sys = store->addMessage(c, kRoleSystem, "Be brief.");
    const Message user = store->addMessage(c, kRoleUser, "Hi 你好");
    const Message answer = store->addMessage(c, kRoleAssistant, "Hello!");
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->addMessage(c, "robot", "x"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->addMessage(4242, kRoleUser, "x"));
    const auto all = store->messages(c);
    QCOMPARE(all.size(), size_t{3});
    QCOMPARE(all[0].id, sys.id);
    QCOMPARE(all[1].content, std::string("Hi 你好"));
    QCOMPARE(all[2].id, answer.id);
    QCOMPARE(all[2].state, MessageState::Complete);
    QCOMPARE(store->conversation(c)->updatedAt, answer.createdAt);
    store->deleteMessage(user.id);
    QCOMPARE(store->messages(c).size(), size_t{2});
  }

  void streamingWritesInBatchesAndFinishes() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    ChatStoreOptions options;
    options.flush.intervalMs = 60'000;  // only the size threshold can trigger in this part
    options.flush.maxChars = 20;
    auto store = openStore(path, nullptr, options);
    const int64_t c = store->createConversation(draft("s")).id;
    const int64_t q = store->addMessage(c, kRoleUser, "Explain").id;
    const int64_t id = store->beginAssistantMessage(c);
    QCOMPARE(store->message(id)->parentId, q);
    QCOMPARE(store->message(id)->state, MessageState::Streaming);

    store->appendToMessage(id, "0123456789");  // 10 bytes: buffered
    QCOMPARE(contentOnDisk(path, id), std::string());
    QCOMPARE(store->message(id)->content, std::string("0123456789"));  // this store sees its buffer
    store->appendToMessage(id, "abcdefghij");  // 20 bytes: written
    QCOMPARE(contentOnDisk(path, id), std::string("0123456789abcdefghij"));
    store->appendToMessage(id, "tail");
    QCOMPARE(contentOnDisk(path, id), std::string("0123456789abcdefghij"));
    store->flushStreaming();
    QCOMPARE(contentOnDisk(path, id), std::string("0123456789abcdefghijtail"));
    store->appendToMessage(id, " end");
    store->finishMessage(id, MessageState::Stopped, MessageStats{7, 12.5, ""});
    const Message done = *ChatStore(path).message(id);
    QCOMPARE(done.content, std::string("0123456789abcdefghijtail end"));
    QCOMPARE(done.state, MessageState::Stopped);
    QCOMPARE(done.tokens, int64_t{7});
    QCOMPARE(done.tokensPerSecond, 12.5);
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->appendToMessage(id, "late"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->finishMessage(id, MessageState::Streaming));
  }

  void streamingWritesAfterTheInterval() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    ChatStoreOptions options;
    options.flush.intervalMs = 50;
    options.flush.maxChars = 1 << 20;
    auto store = openStore(path, nullptr, options);
    const int64_t c = store->createConversation(draft("s")).id;
    const int64_t id = store->beginAssistantMessage(c);
    store->appendToMessage(id, "a");
    QCOMPARE(contentOnDisk(path, id), std::string());
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    store->appendToMessage(id, "b");  // the interval passed: both pieces go to disk
    QCOMPARE(contentOnDisk(path, id), std::string("ab"));
    store->finishMessage(id, MessageState::Error, MessageStats{1, 0, "model crashed"});
    QCOMPARE(store->message(id)->errorText, std::string("model crashed"));
  }

  void destructorWritesPendingTextAndRecoveryStopsIt() {
    QTemporaryDir dir;
    const std::string path = storage_test::dbPath(dir);
    int64_t id = 0;
    {
      ChatStoreOptions options;
      options.flush.intervalMs = 60'000;
      options.flush.maxChars = 1 << 20;
      auto store = openStore(path, nullptr, options);
      const int64_t c = store->createConversation(draft("s")).id;
      id = store->beginAssistantMessage(c);
      store->appendToMessage(id, "partial answer");
    }
    auto store = openStore(path);
    QCOMPARE(store->message(id)->content, std::string("partial answer"));
    QCOMPARE(store->message(id)->state, MessageState::Streaming);
    QCOMPARE(store->recoverInterruptedMessages(), 1);
    QCOMPARE(store->message(id)->state, MessageState::Stopped);
    QCOMPARE(store->recoverInterruptedMessages(), 0);
  }

  void editAndResendDropsLaterMessages() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    const int64_t c = store->createConversation(draft("e")).id;
    const int64_t q1 = store->addMessage(c, kRoleUser, "first question").id;
    store->addMessage(c, kRoleAssistant, "first answer");
    store->addMessage(c, kRoleUser, "second question");
    const int64_t a2 = store->beginAssistantMessage(c);
    store->appendToMessage(a2, "second answer streaming");
    QCOMPARE(store->editUserMessage(q1, "first question, edited"), 3);
    const auto left = store->messages(c);
    QCOMPARE(left.size(), size_t{1});
    QCOMPARE(left[0].content, std::string("first question, edited"));
    QVERIFY(store->search("first answer").empty());
    QCOMPARE(store->search("edited").size(), size_t{1});
    store->flushStreaming();  // the dropped answer's buffer must not come back
    QVERIFY(!store->message(a2).has_value());
    const int64_t a = store->addMessage(c, kRoleAssistant, "x").id;
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->editUserMessage(a, "not a user message"));
  }

  void regenerateReplacesTheLastAnswer() {
    QTemporaryDir dir;
    auto store = openStore(storage_test::dbPath(dir));
    const int64_t c = store->createConversation(draft("r")).id;
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store->regenerateLastAnswer(c));
    const int64_t q = store->addMessage(c, kRoleUser, "Summarise the clause").id;
    const int64_t first = store->beginAssistantMessage(c);
    store->appendToMessage(first, "first try");
    store->finishMessage(first, MessageState::Complete, {3, 10.0, ""});

    const int64_t second = store->regenerateLastAnswer(c);
    QVERIFY(second != first);
    QVERIFY(!store->message(first).has_value());
    Message m = *store->message(second);
    QCOMPARE(m.parentId, q);
    QCOMPARE(m.regeneration, 1);
    QCOMPARE(m.state, MessageState::Streaming);
    store->appendToMessage(second, "second try");
    store->finishMessage(second, MessageState::Complete);
    const int64_t third = store->regenerateLastAnswer(c);
    QCOMPARE(store->message(third)->regeneration, 2);
    const auto all = store->messages(c);
    QCOMPARE(all.size(), size_t{2});
    QCOMPARE(all[0].id, q);
    QCOMPARE(all[1].id, third);
    QVERIFY(store->search("first try").empty());
  }
};

QTEST_GUILESS_MAIN(TestChatStore)
#include "test_chat_store.moc"
