// MessageListModel mirrors ChatStore; GenerationSettings round-trips through the conversation row;
// ChatSession builds the prompt from the assistant's prompt in the user's language.
#include <QSignalSpy>
#include <QtTest>

#include "ui/models/chat_session.h"
#include "ui/models/generation_settings.h"
#include "ui/models/message_list_model.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;

class TestMessageListModel : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void loadsAndStreams() {
    test::TempProfile p;
    const qint64 c = p.store->createConversation({}).id;
    const auto user = p.store->addMessage(c, storage::kRoleUser, "What is a **force majeure** clause?");
    MessageListModel model(*p.store);
    model.load(c);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(MessageListModel::RoleRole).toString(), QStringLiteral("user"));

    const qint64 answer = p.store->beginAssistantMessage(c, user.id);
    model.appendMessage(*p.store->message(answer));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.lastAssistantRow(), 1);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (const char* piece : {"不可抗力", "条款是", " a clause"}) {
      p.store->appendToMessage(answer, piece);
      model.appendText(answer, QString::fromUtf8(piece));
    }
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.index(1).data(MessageListModel::ContentRole).toString(), QStringLiteral("不可抗力条款是 a clause"));
    QCOMPARE(model.index(1).data(MessageListModel::StateRole).toInt(), int(storage::MessageState::Streaming));

    storage::MessageStats stats;
    stats.tokens = 7;
    stats.tokensPerSecond = 12.5;
    p.store->finishMessage(answer, storage::MessageState::Stopped, stats);
    model.setFinished(answer, storage::MessageState::Stopped, stats);
    // The mirror and a fresh read of the database agree.
    MessageListModel fresh(*p.store);
    fresh.load(c);
    for (int role : {int(MessageListModel::ContentRole), int(MessageListModel::StateRole), int(MessageListModel::TokensRole)})
      QCOMPARE(fresh.index(1).data(role), model.index(1).data(role));
  }

  void ignoresMessagesOfOtherConversations() {
    test::TempProfile p;
    const qint64 a = p.store->createConversation({}).id;
    const qint64 b = p.store->createConversation({}).id;
    MessageListModel model(*p.store);
    model.load(a);
    model.appendMessage(p.store->addMessage(b, storage::kRoleUser, "elsewhere"));
    QCOMPARE(model.rowCount(), 0);
    model.appendText(12345, "nothing");  // unknown id: no crash, no change
    QCOMPARE(model.rowCount(), 0);
  }

  void generationSettingsRoundTrip() {
    GenerationSettings s;
    s.temperature = 0.2f;
    s.topP = 0.8f;
    s.topK = 12;
    s.repetitionPenalty = 1.3f;
    s.maxTokens = 300;
    QVERIFY(GenerationSettings::fromJson(s.toJson()) == s);
    // Defaults for missing, wrongly typed or broken settings; out-of-range values are clamped.
    QVERIFY(GenerationSettings::fromJson("{}") == GenerationSettings{});
    QVERIFY(GenerationSettings::fromJson("not json") == GenerationSettings{});
    QVERIFY(GenerationSettings::fromJson(R"({"temperature":"hot"})") == GenerationSettings{});
    const auto clamped = GenerationSettings::fromJson(R"({"temperature":9,"top_k":-3,"max_tokens":0})");
    QCOMPARE(clamped.temperature, 2.0f);
    QCOMPARE(clamped.topK, 0);
    QCOMPARE(clamped.maxTokens, 1);
    const SamplingParams params = s.toSamplingParams(42);
    QCOMPARE(params.topK, 12);
    QCOMPARE(params.maxNewTokens, 300);
    QCOMPARE(params.seed, uint64_t(42));
  }

  void sessionStoresSettingsAndBuildsPrompts() {
    test::TempProfile p;
    const AssistantCatalog assistants = test::testAssistants();
    ChatSession session(*p.store, assistants, nullptr);
    session.setAssistant("legal");  // a draft: nothing stored yet
    QCOMPARE(session.conversationId(), 0);
    QCOMPARE(session.assistant(), QStringLiteral("legal"));
    QSignalSpy created(&session, &ChatSession::conversationCreated);
    GenerationSettings s;
    s.temperature = 0;
    session.setGenerationSettings(s);  // settings make the draft a stored conversation
    QCOMPARE(created.count(), 1);
    const qint64 c = session.conversationId();
    QCOMPARE(QString::fromStdString(p.store->conversation(c)->assistant), QStringLiteral("legal"));
    QVERIFY(GenerationSettings::fromJson(p.store->conversation(c)->settingsJson) == s);

    // The system prompt follows the language the user writes in.
    QCOMPARE(session.effectiveSystemPrompt("合同无效的情形有哪些？"), assistants.systemPrompt("legal", "zh_CN"));
    QCOMPARE(session.effectiveSystemPrompt("When is a contract void?"), assistants.systemPrompt("legal", "en"));
    session.setSystemPromptOverride("Answer in one sentence.");
    QCOMPARE(session.effectiveSystemPrompt("合同"), QStringLiteral("Answer in one sentence."));

    // Prompt turns: system first, then finished turns; streaming and failed answers are left out.
    const auto u1 = p.store->addMessage(c, storage::kRoleUser, "q1");
    const qint64 a1 = p.store->beginAssistantMessage(c, u1.id);
    p.store->appendToMessage(a1, "a1");
    p.store->finishMessage(a1, storage::MessageState::Complete);
    const auto u2 = p.store->addMessage(c, storage::kRoleUser, "q2");
    const qint64 failed = p.store->beginAssistantMessage(c, u2.id);
    p.store->finishMessage(failed, storage::MessageState::Error, {0, 0, "boom"});
    p.store->beginAssistantMessage(c, u2.id);
    const auto turns = session.promptMessages(c, "q2");
    QCOMPARE(turns.size(), size_t(4));
    QCOMPARE(QString::fromStdString(turns[0].role), QStringLiteral("system"));
    QCOMPARE(QString::fromStdString(turns[2].content), QStringLiteral("a1"));
    QCOMPARE(QString::fromStdString(turns[3].content), QStringLiteral("q2"));
  }

  void sessionRefusesWithoutModel() {
    test::TempProfile p;
    const AssistantCatalog assistants = test::testAssistants();
    GenerationWorker worker;  // never asked to run: no model is configured
    ChatSession session(*p.store, assistants, &worker);
    QSignalSpy errors(&session, &ChatSession::errorOccurred);
    QVERIFY(!session.send("hello"));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.first().first().toString().contains("No model"));
    QCOMPARE(session.conversationId(), 0);  // nothing was stored
    QVERIFY(p.store->listConversations().empty());
  }

  void titlesAndLanguages() {
    QCOMPARE(ChatSession::titleFromText("  First line\nsecond"), QStringLiteral("First line"));
    QCOMPARE(ChatSession::titleFromText(QString(60, 'x')).size(), 40);
    QCOMPARE(ChatSession::languageOfText("利率 rate"), QStringLiteral("zh_CN"));
    QCOMPARE(ChatSession::languageOfText("interest rate"), QStringLiteral("en"));
  }
};

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "test_message_list_model.moc"
