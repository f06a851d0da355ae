// ConversationListModel over a real ChatStore: order (pinned first, then newest), day sections,
// rename through setData, delete with undo, and the assistant / date filters.
#include <QSignalSpy>
#include <QtTest>

#include "ui/models/conversation_list_model.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;

namespace {
// Noon on 2024-05-20 local time, and n days before it.
QDateTime now() { return QDateTime(QDate(2024, 5, 20), QTime(12, 0)); }
qint64 daysAgo(double days) { return now().toMSecsSinceEpoch() - qint64(days * 24 * 3600 * 1000); }
}  // namespace

class TestConversationListModel : public QObject {
  Q_OBJECT
private:
  // Creates a conversation whose last change happened `days` ago.
  qint64 add(test::TempProfile& p, const char* title, const char* assistant, double days) {
    const qint64 when = daysAgo(days);
    p.store->setClock([when] { return when; });
    storage::Conversation draft;
    draft.title = title;
    draft.assistant = assistant;
    const qint64 id = p.store->createConversation(draft).id;
    p.store->addMessage(id, storage::kRoleUser, std::string("question in ") + title);
    return id;
  }

  QStringList titles(const ConversationListModel& m) {
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r) out << m.index(r).data(ConversationListModel::TitleRole).toString();
    return out;
  }

private Q_SLOTS:
  void newestFirstWithDaySections() {
    test::TempProfile p;
    add(p, "old", "legal", 40);
    add(p, "week", "finance", 3);
    add(p, "yesterday", "general", 1);
    add(p, "today", "legal", 0);
    add(p, "month", "finance", 12);
    ConversationListModel model(*p.store);
    model.setNowFunction(now);
    QCOMPARE(titles(model), QStringList({"today", "yesterday", "week", "month", "old"}));
    QStringList sections;
    for (int r = 0; r < model.rowCount(); ++r) sections << model.index(r).data(ConversationListModel::SectionRole).toString();
    QCOMPARE(sections.mid(0, 4), QStringList({"Today", "Yesterday", "Previous 7 days", "Previous 30 days"}));
    QCOMPARE(sections[4], QLocale().toString(QDate(2024, 4, 10), "MMMM yyyy"));
    // The delegate draws a header above the first row of each section only.
    QVERIFY(model.index(0).data(ConversationListModel::FirstInSectionRole).toBool());
    QCOMPARE(model.index(1).data(ConversationListModel::MessageCountRole).toLongLong(), 1);
  }

  void pinnedComeFirstInTheirOwnSection() {
    test::TempProfile p;
    const qint64 old = add(p, "old", "legal", 20);
    add(p, "today", "legal", 0);
    add(p, "today2", "legal", 0);
    ConversationListModel model(*p.store);
    model.setNowFunction(now);
    model.setPinned(old, true);
    QCOMPARE(titles(model).first(), QStringLiteral("old"));
    QCOMPARE(model.index(0).data(ConversationListModel::SectionRole).toString(), QStringLiteral("Pinned"));
    QVERIFY(model.index(1).data(ConversationListModel::FirstInSectionRole).toBool());
    QVERIFY(!model.index(2).data(ConversationListModel::FirstInSectionRole).toBool());
    model.setPinned(old, false);
    QCOMPARE(titles(model).last(), QStringLiteral("old"));
  }

  void renameThroughTheView() {
    test::TempProfile p;
    const qint64 id = add(p, "draft", "general", 0);
    ConversationListModel model(*p.store);
    QVERIFY(model.flags(model.index(0)) & Qt::ItemIsEditable);
    QVERIFY(model.setData(model.index(0), QStringLiteral("  合同审查 — 第二轮  "), Qt::EditRole));
    QCOMPARE(QString::fromStdString(p.store->conversation(id)->title), QStringLiteral("合同审查 — 第二轮"));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("合同审查 — 第二轮"));
    QVERIFY(!model.setData(model.index(0), QStringLiteral("   "), Qt::EditRole));  // blank titles refused
  }

  void deleteAndUndo() {
    test::TempProfile p;
    const qint64 a = add(p, "a", "general", 0);
    add(p, "b", "general", 0);
    ConversationListModel model(*p.store);
    QSignalSpy removed(&model, &ConversationListModel::conversationRemoved);
    model.remove(a);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(a), -1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toString(), QStringLiteral("a"));
    QVERIFY(p.store->conversation(a)->deletedAt != 0);  // still on disk: undo is possible
    model.restore(a);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.rowOf(a) >= 0);
    QCOMPARE(p.store->messages(a).size(), size_t(1));
  }

  void filtersByAssistantAndDate() {
    test::TempProfile p;
    add(p, "legal-old", "legal", 10);
    add(p, "legal-new", "legal", 0);
    add(p, "finance-new", "finance", 0);
    ConversationListModel model(*p.store);
    storage::ConversationFilter f;
    f.assistant = "legal";
    model.setFilter(f);
    QCOMPARE(titles(model), QStringList({"legal-new", "legal-old"}));
    f.updatedFrom = daysAgo(2);
    model.setFilter(f);
    QCOMPARE(titles(model), QStringList({"legal-new"}));
    model.setFilter({});
    QCOMPARE(model.rowCount(), 3);
  }

  void createUsesTheStore() {
    test::TempProfile p;
    ConversationListModel model(*p.store);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const qint64 id = model.createConversation("finance");
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), id);
    QCOMPARE(model.index(0).data(ConversationListModel::AssistantRole).toString(), QStringLiteral("finance"));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("New conversation"));  // untitled
  }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "test_conversation_list_model.moc"
