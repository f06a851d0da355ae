// Export and import: JSON round trip of every field, Markdown for people, atomic files, and a
// malformed import that names the file and the field and leaves the database unchanged.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/storage/chat_export.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "storage/store_fixture.h"

using namespace mindllm::storage;
using storage_test::draft;

namespace {

// Everything a user could lose, as text: all conversations (live and trash) with all messages.
std::string digest(ChatStore& store) {
  std::string out;
  for (bool deleted : {false, true}) {
    ConversationFilter f;
    f.deleted = deleted;
    for (const Conversation& c : store.listConversations(f)) {
      out += std::to_string(c.id) + "|" + c.title + "|" + std::to_string(c.updatedAt) + "\n";
      for (const Message& m : store.messages(c.id)) out += std::to_string(m.id) + ":" + m.content + "\n";
    }
  }
  return out;
}

void writeText(const QString& path, const std::string& text) { mindllm::writeFileAtomic(path.toStdString(), text); }

}  // namespace

class TestChatExport : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<ChatStore> store_;
  int64_t a_ = 0, b_ = 0;

  void fill() {
    Conversation d = draft("借款合同审查 Loan review", kAssistantLegal);
    d.modelId = "/home/u/models/mindllm-3b";
    d.pinned = true;
    d.settingsJson = R"({"max_tokens":512,"temperature":0.3})";
    d.systemPrompt = "You are a careful legal assistant.\n不构成法律意见。";
    a_ = store_->createConversation(d).id;
    store_->addMessage(a_, kRoleSystem, "Custom system text");
    store_->addMessage(a_, kRoleUser, "年利率超过 24% 的部分是否受保护？\n| a | b |\n|---|---|");
    const int64_t first = store_->beginAssistantMessage(a_);
    store_->appendToMessage(first, "First answer");
    store_->finishMessage(first, MessageState::Complete, {3, 5.0, ""});
    const int64_t answer = store_->regenerateLastAnswer(a_);
    store_->appendToMessage(answer, "超过合同成立时一年期 LPR 四倍的部分不受保护。");
    store_->finishMessage(answer, MessageState::Stopped, {31, 17.25, ""});
    b_ = store_->createConversation(draft("Earnings", kAssistantFinance)).id;
    store_->addMessage(b_, kRoleUser, "Summarise the 10-K");
    const int64_t failed = store_->beginAssistantMessage(b_);
    store_->finishMessage(failed, MessageState::Error, {0, 0, "out of memory"});
  }

private Q_SLOTS:
  void init() {
    QVERIFY(dir_.isValid());
    store_ = storage_test::openStore(storage_test::dbPath(dir_, QTest::currentTestFunction()));
    fill();
  }
  void cleanup() { store_.reset(); }

  void jsonRoundTripKeepsEveryField() {
    const QString file = dir_.filePath("export.json");
    store_->exportJson({a_, b_}, file.toStdString());
    const mindllm::Json doc = mindllm::readJsonFile(file.toStdString());
    QCOMPARE(doc["format"].get<std::string>(), std::string("mindllm-chat-export"));
    QCOMPARE(doc["version"].get<int>(), 1);
    QCOMPARE(doc["conversations"].size(), size_t{2});

    auto target = storage_test::openStore(dir_.filePath("target.sqlite").toStdString());
    const std::vector<int64_t> imported = target->importJson(file.toStdString());
    QCOMPARE(imported.size(), size_t{2});
    for (size_t i = 0; i < 2; ++i) {
      const ConversationSnapshot before = store_->snapshot(i == 0 ? a_ : b_);
      const ConversationSnapshot after = target->snapshot(imported[i]);
      const Conversation &x = before.conversation, &y = after.conversation;
      QCOMPARE(y.title, x.title);
      QCOMPARE(y.assistant, x.assistant);
      QCOMPARE(y.modelId, x.modelId);
      QCOMPARE(y.createdAt, x.createdAt);
      QCOMPARE(y.updatedAt, x.updatedAt);
      QCOMPARE(y.pinned, x.pinned);
      QVERIFY(mindllm::Json::parse(y.settingsJson) == mindllm::Json::parse(x.settingsJson));
      QCOMPARE(y.systemPrompt, x.systemPrompt);
      QCOMPARE(after.messages.size(), before.messages.size());
      for (size_t k = 0; k < before.messages.size(); ++k) {
        const Message &p = before.messages[k], &q = after.messages[k];
        QCOMPARE(q.role, p.role);
        QCOMPARE(q.content, p.content);
        QCOMPARE(q.createdAt, p.createdAt);
        QCOMPARE(q.state, p.state);
        QCOMPARE(q.tokens, p.tokens);
        QCOMPARE(q.tokensPerSecond, p.tokensPerSecond);
        QCOMPARE(q.regeneration, p.regeneration);
        QCOMPARE(q.errorText, p.errorText);
        // The parent link points at the same message, under its new id.
        QCOMPARE(q.parentId != 0, p.parentId != 0);
        if (p.parentId != 0) {
          QCOMPARE(target->message(q.parentId)->content, store_->message(p.parentId)->content);
        }
      }
    }
    // Imported history is searchable, and exporting it again gives the same conversations.
    QCOMPARE(target->search("LPR 四倍").size(), size_t{1});
    auto strip = [](mindllm::Json j) {
      j.erase("exported_at");
      for (auto& c : j["conversations"])
        for (auto& m : c["messages"]) m.erase("id"), m.erase("parent_id");
      return j;
    };
    QCOMPARE(strip(mindllm::Json::parse(target->exportJsonText(imported))).dump(), strip(doc).dump());
  }

  void markdownIsReadable() {
    const QString file = dir_.filePath("export.md");
    store_->exportMarkdown({a_, b_}, file.toStdString());
    const std::string md = mindllm::readFile(file.toStdString());
    QVERIFY(md.find("# 借款合同审查 Loan review") != std::string::npos);
    QVERIFY(md.find("# Earnings") != std::string::npos);
    QVERIFY(md.find("- Assistant: legal") != std::string::npos);
    QVERIFY(md.find("- Model: `/home/u/models/mindllm-3b`") != std::string::npos);
    QVERIFY(md.find("> 不构成法律意见。") != std::string::npos);  // system prompt quoted, every line
    QVERIFY(md.find("## User · 2023-11-14") != std::string::npos);
    QVERIFY(md.find("· stopped\n\n超过合同成立时一年期 LPR 四倍的部分不受保护。") != std::string::npos);
    QVERIFY(md.find("| a | b |\n|---|---|") != std::string::npos);  // content stays Markdown
    QVERIFY(md.find("*Error: out of memory*") != std::string::npos);
    QVERIFY(md.find("31 tokens, 17.2 tokens/s") != std::string::npos);
    QVERIFY(md.find("First answer") == std::string::npos);  // the replaced answer is gone
  }

  void exportReplacesFilesAtomically() {
    const QString file = dir_.filePath("out.json");
    writeText(file, "old contents");
    store_->exportJson({b_}, file.toStdString());
    QCOMPARE(mindllm::readJsonFile(file.toStdString())["conversations"][0]["title"].get<std::string>(),
             std::string("Earnings"));
    const QStringList leftovers = QDir(dir_.path()).entryList({"*.tmp-*"}, QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(",")));
    // Unknown ids fail before anything is written.
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store_->exportJson({a_, 777}, file.toStdString()));
    QCOMPARE(mindllm::readJsonFile(file.toStdString())["conversations"].size(), size_t{1});
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, store_->exportMarkdown({a_}, dir_.filePath("no/such/dir/x.md").toStdString()));
  }

  void malformedImportChangesNothing_data() {
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << "syntax" << "invalid JSON";
    QTest::newRow("format") << "format" << "format";
    QTest::newRow("version") << "version" << "version";
    QTest::newRow("role") << "role" << "conversations[1].messages[1].role";
    QTest::newRow("content type") << "content" << "conversations[1].messages[0].content";
    QTest::newRow("time") << "time" << "conversations[0].messages[2].created_at";
    QTest::newRow("parent") << "parent" << "conversations[0].messages[2].parent_id";
    QTest::newRow("messages") << "messages" << "conversations[1].messages";
    QTest::newRow("state") << "state" << "conversations[0].messages[0].state";
  }

  void malformedImportChangesNothing() {
    QFETCH(QString, mutation);
    QFETCH(QString, expected);
    mindllm::Json doc = mindllm::Json::parse(store_->exportJsonText({a_, b_}));
    std::string text;
    if (mutation == "format") doc["format"] = "something-else";
    if (mutation == "version") doc["version"] = 99;
    if (mutation == "role") doc["conversations"][1]["messages"][1]["role"] = "wizard";
    if (mutation == "content") doc["conversations"][1]["messages"][0]["content"] = 5;
    if (mutation == "time") doc["conversations"][0]["messages"][2]["created_at"] = "yesterday";
    if (mutation == "parent") doc["conversations"][0]["messages"][2]["parent_id"] = 123456;
    if (mutation == "messages") doc["conversations"][1].erase("messages");
    if (mutation == "state") doc["conversations"][0]["messages"][0]["state"] = "done";
    text = doc.dump(2);
    if (mutation == "syntax") text = text.substr(0, text.size() / 2);
    const QString file = dir_.filePath("bad-" + mutation + ".json");
    writeText(file, text);

    const std::string before = digest(*store_);
    try {
      store_->importJson(file.toStdString());
      QFAIL("a malformed import must fail");
    } catch (const mindllm::Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find(file.toStdString()) != std::string::npos, e.what());
      QVERIFY2(what.find(expected.toStdString()) != std::string::npos, e.what());
    }
    QCOMPARE(digest(*store_), before);
    QCOMPARE(store_->integrityCheck(), std::string("ok"));
  }

  void importOfAMissingFileNamesIt() {
    const std::string missing = dir_.filePath("missing.json").toStdString();
    try {
      store_->importJson(missing);
      QFAIL("must fail");
    } catch (const mindllm::Error& e) {
      QVERIFY2(std::string(e.what()).find(missing) != std::string::npos, e.what());
    }
  }

  void isoTimes() {
    QCOMPARE(formatIsoTime(0), std::string("1970-01-01T00:00:00.000Z"));
    QCOMPARE(formatIsoTime(1'700'000'000'123), std::string("2023-11-14T22:13:20.123Z"));
    QCOMPARE(parseIsoTime("2023-11-14T22:13:20.123Z", "t"), int64_t{1'700'000'000'123});
    QCOMPARE(parseIsoTime("2023-11-14T22:13:20Z", "t"), int64_t{1'700'000'000'000});
    QCOMPARE(parseIsoTime("2023-11-14T22:13:20.5+00:00", "t"), int64_t{1'700'000'000'500});
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, parseIsoTime("2023-11-14 22:13", "t"));
    QVERIFY_THROWS_EXCEPTION(mindllm::Error, parseIsoTime("2023-11-14T22:13:20+08:00", "t"));
  }
};

QTEST_GUILESS_MAIN(TestChatExport)
#include "test_chat_export.moc"
