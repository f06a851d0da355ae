// The dialogs on the offscreen platform: model import validation (a real tiny model folder, a
// broken one, a missing one), generation settings, history review filters and actions (its list
// comes from a SearchWorker thread: not the GUI thread, newest request only), preferences.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>
#include <atomic>

#include "core/io/model_folder.h"
#include "ui/views/generation_settings_dialog.h"
#include "ui/views/history_dialog.h"
#include "ui/views/model_import_dialog.h"
#include "ui/views/preferences_dialog.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;

namespace {
QPushButton* buttonWithText(QWidget* parent, const QString& text) {
  for (QPushButton* b : parent->findChildren<QPushButton*>())
    if (b->text() == text) return b;
  return nullptr;
}

// The dialog has the answer to a request newer than `before` (the text filter starts its request
// only after a debounce, so "not busy" alone could still be the previous answer).
bool answeredAfter(const HistoryDialog& dialog, quint64 before) {
  return dialog.currentRequest() > before && !dialog.isBusy();
}

qint64 addConversation(storage::ChatStore& store, const char* title, const char* assistant, const char* text) {
  storage::Conversation c;
  c.title = title;
  c.assistant = assistant;
  const qint64 id = store.createConversation(c).id;
  store.addMessage(id, storage::kRoleUser, text);
  return id;
}
}  // namespace

class TestDialogs : public QObject {
  Q_OBJECT
  QTemporaryDir models_;
  QString modelDir_;

private Q_SLOTS:
  void initTestCase() {
    modelDir_ = models_.filePath("tiny-gpt-neo");
    initModelFolder(modelDir_.toStdString(), "tiny-gpt-neo", MINDLLM_FIXTURES_DIR "/tokenizer/bpe");
  }

  void importDialogAcceptsAModelFolder() {
    ModelImportDialog dialog;
    QPushButton* import = buttonWithText(&dialog, "Import");
    QVERIFY(import && !import->isEnabled());
    dialog.setFolder(modelDir_);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isValid(), 10000);
    QVERIFY(import->isEnabled());
    QCOMPARE(dialog.summary().layout, QStringLiteral("gpt_neo"));
    QCOMPARE(dialog.summary().dir, QDir::cleanPath(modelDir_));
    QVERIFY(dialog.resultText().contains("gpt_neo"));
    QVERIFY(dialog.resultText().contains("byte_level_bpe"));
  }

  void importDialogExplainsWhatIsWrong() {
    QTemporaryDir broken;
    QFile::copy(modelDir_ + "/config.json", broken.filePath("config.json"));  // config but no weights
    ModelImportDialog dialog;
    QPushButton* import = buttonWithText(&dialog, "Import");
    QSignalSpy validated(&dialog, &ModelImportDialog::validated);
    dialog.setFolder(broken.path());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.resultText().contains("cannot be used"), 10000);
    QVERIFY(!dialog.isValid());
    QVERIFY(!import->isEnabled());
    QVERIFY2(dialog.resultText().contains(broken.path()), qPrintable(dialog.resultText()));  // names the folder/file

    dialog.setFolder(broken.filePath("does-not-exist"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.resultText().contains("does-not-exist"), 10000);
    QVERIFY(!dialog.isValid());
    // A valid folder chosen after a bad one is accepted (stale results are ignored).
    dialog.setFolder(modelDir_);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isValid(), 10000);
  }

  void generationSettingsRoundTrip() {
    GenerationSettings s;
    s.temperature = 0.3f;
    s.topK = 7;
    s.maxTokens = 640;
    GenerationSettingsDialog dialog(s, "Be brief.", "the assistant's prompt");
    QVERIFY(std::abs(dialog.settings().temperature - 0.3f) < 1e-6);
    QCOMPARE(dialog.settings().topK, 7);
    QCOMPARE(dialog.settings().maxTokens, 640);
    QCOMPARE(dialog.systemPromptOverride(), QStringLiteral("Be brief."));
    auto* prompt = dialog.findChild<QPlainTextEdit*>();
    QCOMPARE(prompt->placeholderText(), QStringLiteral("the assistant's prompt"));
    // Restore defaults resets every field and clears the override.
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QVERIFY(dialog.settings() == GenerationSettings{});
    QVERIFY(dialog.systemPromptOverride().isEmpty());
  }

  void historyFiltersAndOpens() {
    test::TempProfile p;
    const AssistantCatalog assistants = test::testAssistants();
    const qint64 loan = addConversation(*p.store, "借款合同", "legal", "年利率超过多少不受保护？");
    addConversation(*p.store, "EBITDA", "finance", "Build an EBITDA bridge");
    addConversation(*p.store, "Email", "general", "Decline a meeting");
    test::SearchThread search(p.dbPath());
    HistoryDialog dialog(search.worker, assistants, "en");
    QTRY_VERIFY(answeredAfter(dialog, 0));
    QCOMPARE(dialog.table()->topLevelItemCount(), 3);
    quint64 before = dialog.currentRequest();
    dialog.assistantFilter()->setCurrentIndex(dialog.assistantFilter()->findData("finance"));
    QTRY_VERIFY(answeredAfter(dialog, before));
    QCOMPARE(dialog.table()->topLevelItemCount(), 1);
    QCOMPARE(dialog.table()->topLevelItem(0)->text(0), QStringLiteral("EBITDA"));
    dialog.assistantFilter()->setCurrentIndex(0);
    before = dialog.currentRequest();
    dialog.textFilter()->setText(QStringLiteral("年利率"));
    QTRY_VERIFY(answeredAfter(dialog, before));
    QCOMPARE(dialog.table()->topLevelItemCount(), 1);
    QCOMPARE(dialog.table()->topLevelItem(0)->text(1), QStringLiteral("Legal assistant"));

    QPushButton* open = buttonWithText(&dialog, "Open read-only");
    QVERIFY(!open->isEnabled());  // nothing selected yet
    dialog.table()->topLevelItem(0)->setSelected(true);
    QVERIFY(open->isEnabled());
    QSignalSpy opened(&dialog, &HistoryDialog::openRequested);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toLongLong(), loan);
    QCOMPARE(opened.first().at(1).toBool(), true);

    // Export many: all rows selected -> one request with every id.
    before = dialog.currentRequest();
    dialog.textFilter()->clear();
    QTRY_VERIFY(answeredAfter(dialog, before));
    QCOMPARE(dialog.table()->topLevelItemCount(), 3);
    dialog.table()->selectAll();
    QSignalSpy exported(&dialog, &HistoryDialog::exportRequested);
    QTest::mouseClick(buttonWithText(&dialog, "Export JSON…"), Qt::LeftButton);
    QCOMPARE(exported.count(), 1);
    QCOMPARE(exported.first().at(0).value<QList<qint64>>().size(), 3);
    QCOMPARE(exported.first().at(1).toString(), QStringLiteral("json"));
  }

  void historyQueriesOffTheGuiThreadAndDropsStaleAnswers() {
    test::TempProfile p;
    const AssistantCatalog assistants = test::testAssistants();
    addConversation(*p.store, "借款合同", "legal", "年利率超过多少不受保护？");
    addConversation(*p.store, "EBITDA", "finance", "Build an EBITDA bridge");
    // Declared before the worker's thread, which uses them until ~SearchThread has joined it.
    QSemaphore gate;
    std::atomic<QThread*> queriedOn{nullptr};
    std::atomic<int> answers{0};
    test::SearchThread search(p.dbPath());
    // Where the worker answered from: its signal is emitted right after the query, in the same
    // function, and a direct connection runs this lambda on the emitting thread.
    QObject::connect(search.worker, &SearchWorker::conversationsListed, [&](quint64, const ConversationRows&) {
      queriedOn = QThread::currentThread();
      ++answers;
    });
    HistoryDialog dialog(search.worker, assistants, "en");
    QTRY_VERIFY(answeredAfter(dialog, 0));
    QCOMPARE(dialog.table()->topLevelItemCount(), 2);
    QCOMPARE(queriedOn.load(), &search.thread);
    QVERIFY(queriedOn.load() != QThread::currentThread());

    // Hold the worker so that the next requests wait: the dialog shows it is busy, keeps the old
    // rows, and the GUI thread keeps handling events meanwhile.
    QSemaphoreReleaser unblockOnFailure(gate);  // else ~SearchThread would wait forever
    QMetaObject::invokeMethod(search.worker, [&gate] { gate.acquire(); }, Qt::QueuedConnection);
    const quint64 stale = dialog.currentRequest() + 1;
    dialog.assistantFilter()->setCurrentIndex(dialog.assistantFilter()->findData("finance"));
    dialog.assistantFilter()->setCurrentIndex(dialog.assistantFilter()->findData("legal"));
    QCOMPARE(dialog.currentRequest(), stale + 1);
    QTest::qWait(100);
    QVERIFY(dialog.isBusy());
    auto* busyBar = dialog.findChild<QProgressBar*>();
    QVERIFY(busyBar && !busyBar->isHidden());
    QVERIFY(buttonWithText(&dialog, "Close")->isEnabled());
    QCOMPARE(dialog.table()->topLevelItemCount(), 2);

    // An answer to the older request, arriving after the newer one was made, changes nothing.
    ConversationRows bogus(5);
    dialog.showConversations(stale, bogus);
    QVERIFY(dialog.isBusy());
    QCOMPARE(dialog.table()->topLevelItemCount(), 2);

    // The worker now answers both requests in order; only the second (legal) reaches the table.
    QSignalSpy inserted(dialog.table()->model(), &QAbstractItemModel::rowsInserted);
    const int answersBefore = answers;
    unblockOnFailure.cancel();
    gate.release();
    QTRY_COMPARE(answers.load(), answersBefore + 2);
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY(busyBar->isHidden());
    QCOMPARE(dialog.table()->topLevelItemCount(), 1);
    QCOMPARE(dialog.table()->topLevelItem(0)->text(0), QStringLiteral("借款合同"));
    QCOMPARE(inserted.count(), 1);  // the finance answer never filled the table
    dialog.showConversations(stale, bogus);  // late, after the newest answer: still ignored
    QCOMPARE(dialog.table()->topLevelItemCount(), 1);
  }

  void preferencesApply() {
    test::TempProfile p;
    PreferencesDialog dialog(*p.settings, {"cpu", "cuda:0"}, nullptr, {});
    auto combos = dialog.findChildren<QComboBox*>();
    QCOMPARE(combos.size(), 3);
    combos[0]->setCurrentIndex(combos[0]->findData("zh_CN"));
    combos[1]->setCurrentIndex(combos[1]->findData("cuda:0"));
    QVERIFY(dialog.apply());  // the language changed
    QCOMPARE(p.settings->languageOverride(), QStringLiteral("zh_CN"));
    QCOMPARE(p.settings->device(), QStringLiteral("cuda:0"));
    QVERIFY(!dialog.apply());  // nothing changed now
  }
};

QTEST_MAIN(TestDialogs)
#include "test_dialogs.moc"
