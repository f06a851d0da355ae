// The real window on the offscreen platform with a real (tiny, randomly initialised) model and a
// real database: send a prompt and watch the answer stream, stop it, regenerate, edit and resend,
// find it by search and jump to it, export and import it, delete with undo, and close the window
// in the middle of an answer.
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QThread>
#include <QToolButton>
#include <QtTest>
#include <chrono>
#include <thread>

#include "core/io/model_folder.h"
#include "ui/models/chat_session.h"
#include "ui/models/conversation_list_model.h"
#include "ui/models/model_list_model.h"
#include "ui/views/chat_input.h"
#include "ui/views/chat_pane.h"
#include "ui/views/conversation_sidebar.h"
#include "ui/views/main_window.h"
#include "ui/views/message_view.h"
#include "ui/views/message_widget.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;

namespace {

// Types like a user: ASCII through key events, Chinese the way an input method delivers it
// (QTest::keyClicks only knows ASCII keys).
void typeText(QWidget* w, const QString& text) {
  QString ascii;
  auto flushAscii = [&] {
    if (!ascii.isEmpty()) QTest::keyClicks(w, ascii);
    ascii.clear();
  };
  for (const QChar ch : text) {
    if (ch.unicode() < 128) {
      ascii += ch;
      continue;
    }
    flushAscii();
    QInputMethodEvent commit;
    commit.setCommitString(QString(ch));
    QApplication::sendEvent(w, &commit);
  }
  flushAscii();
}

// One window over a fresh database, using the test model.
struct Studio {
  test::TempProfile profile;
  AssistantCatalog assistants = test::testAssistants();
  std::unique_ptr<MainWindow> window;

  explicit Studio(const QString& modelDir) {
    window = std::make_unique<MainWindow>(*profile.store, assistants, *profile.settings, QStringLiteral("en"));
    QSignalSpy refreshed(window->models(), &ModelListModel::refreshed);
    ModelSources sources;
    sources.shipped << modelDir;
    window->setModelSources(sources);
    if (!refreshed.wait(20000)) qFatal("model list never refreshed");
    window->resize(1100, 720);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) qFatal("window not exposed");
  }
  ChatSession* session() const { return window->session(); }
  ChatPane* pane() const { return window->chatPane(); }

  // Slows the worker down so that an answer is still streaming when the test presses Stop.
  void slowDownGeneration(int msPerPiece) {
    QObject::connect(
        window->generationWorker(), &GenerationWorker::textReady, window->generationWorker(),
        [msPerPiece] { std::this_thread::sleep_for(std::chrono::milliseconds(msPerPiece)); }, Qt::DirectConnection);
  }
  void setSettings(float temperature, int maxTokens) {
    GenerationSettings s;
    s.temperature = temperature;
    s.maxTokens = maxTokens;
    session()->setGenerationSettings(s);
  }
  // Types into the chat input the way a user does and presses Enter.
  void typeAndSend(const QString& text) {
    ChatInput* input = pane()->input();
    input->setFocus();
    typeText(input, text);
    QTest::keyClick(input, Qt::Key_Return);
  }
  QString streamingText() const {
    MessageWidget* w = pane()->messageView()->widgetForMessage(session()->streamingMessageId());
    if (!w) return {};
    w->renderNow();
    return w->renderedText();
  }
  std::vector<storage::Message> messages() const { return profile.store->messages(session()->conversationId()); }
};

QToolButton* buttonWithTip(QWidget* parent, const QString& tip) {
  for (QToolButton* b : parent->findChildren<QToolButton*>())
    if (b->toolTip() == tip && b->isVisible()) return b;
  return nullptr;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
  QTemporaryDir models_;
  QString modelDir_;

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(models_.isValid());
    modelDir_ = models_.filePath("tiny-llama");
    initModelFolder(modelDir_.toStdString(), "tiny-llama", MINDLLM_FIXTURES_DIR "/tokenizer/bpe");
    QVERIFY(QFile::exists(modelDir_ + "/config.json"));
  }

  // run-app.sh starts the app on the Legal assistant (--assistant legal) with the demo model.
  void startsANewConversationWithTheRequestedAssistant() {
    Studio s(modelDir_);
    QCOMPARE(s.session()->assistant(), QStringLiteral("general"));
    QVERIFY(s.window->newConversationWith(QStringLiteral("legal")));
    QCOMPARE(s.session()->assistant(), QStringLiteral("legal"));
    QCOMPARE(s.session()->conversationId(), qint64(0));  // still a draft: nothing stored yet
    auto* picker = s.pane()->findChild<QComboBox*>(QStringLiteral("assistantPicker"));
    QVERIFY(picker);
    QCOMPARE(picker->currentData().toString(), QStringLiteral("legal"));
    QVERIFY(!s.window->newConversationWith(QStringLiteral("astrology")));
    QCOMPARE(s.session()->assistant(), QStringLiteral("legal"));
  }

  // `mindllm-cli demo build` installs <AppDataLocation>/models/default; the app lists it unasked.
  void demoModelInTheAppDataFolderIsListed() {
    QTemporaryDir data;
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", data.path().toUtf8());
    const QString installed = data.path() + "/MindLLM/MindLLM Studio/models/default";
    QVERIFY(QDir().mkpath(installed));
    QFile config(installed + "/config.json");
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.close();
    const QString organization = QCoreApplication::organizationName(), application = QCoreApplication::applicationName();
    QCoreApplication::setOrganizationName(QStringLiteral("MindLLM"));  // as mindllm-studio's main() names itself
    QCoreApplication::setApplicationName(QStringLiteral("MindLLM Studio"));
    const ModelSources sources = ModelSources::appDefaults({});
    QCoreApplication::setOrganizationName(organization);
    QCoreApplication::setApplicationName(application);
    if (saved.isNull()) qunsetenv("XDG_DATA_HOME"); else qputenv("XDG_DATA_HOME", saved);
    QVERIFY2(sources.shipped.contains(installed), qPrintable(sources.shipped.join(", ")));
  }

  void modelListShowsTheModel() {
    Studio s(modelDir_);
    ModelListModel* models = s.window->models();
    QCOMPARE(models->rowCount(), 1);
    const QModelIndex idx = models->index(0);
    QVERIFY2(idx.data(ModelListModel::UsableRole).toBool(), qPrintable(idx.data(ModelListModel::ErrorRole).toString()));
    QCOMPARE(idx.data(ModelListModel::LayoutRole).toString(), QStringLiteral("llama"));
    QVERIFY(idx.data(ModelListModel::ParametersRole).toLongLong() > 0);
    QCOMPARE(idx.data(ModelListModel::DtypeRole).toString(), QStringLiteral("float32"));
    QCOMPARE(s.session()->modelDir(), QDir::cleanPath(modelDir_));
    // The picker in the chat header lists it.
    QCOMPARE(s.pane()->modelPicker()->currentText(), QStringLiteral("tiny-llama"));
  }

  void brokenModelFolderIsListedWithItsError() {
    QTemporaryDir broken;
    QFile config(broken.filePath("config.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"model_type\": \"llama\"");  // cut off
    config.close();
    ModelListModel models;
    QSignalSpy refreshed(&models, &ModelListModel::refreshed);
    ModelSources sources;
    sources.imported << broken.path() << modelDir_;
    models.setSources(sources);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(models.rowCount(), 2);
    QVERIFY(!models.index(0).data(ModelListModel::UsableRole).toBool());
    QVERIFY2(models.index(0).data(ModelListModel::ErrorRole).toString().contains("config.json"),
             qPrintable(models.index(0).data(ModelListModel::ErrorRole).toString()));
    QCOMPARE(models.resolveDefault(broken.path()), QDir::cleanPath(modelDir_));  // skips the broken one
  }

  void sendStreamStopRegenerateEdit() {
    Studio s(modelDir_);
    QSignalSpy errors(s.session(), &ChatSession::errorOccurred);
    s.slowDownGeneration(30);
    s.session()->setAssistant("legal");
    s.setSettings(0.0f, 200);  // greedy and long enough to still be running when Stop is pressed

    // Shift+Enter is a new line, not a send.
    ChatInput* input = s.pane()->input();
    input->setFocus();
    QTest::keyClicks(input, "Review clause zebra");
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QVERIFY(!s.session()->isGenerating());
    typeText(input, QStringLiteral("合同条款审查"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(s.session()->isGenerating());
    QVERIFY(input->toPlainText().isEmpty());
    QCOMPARE(s.pane()->sendButton()->text(), QStringLiteral("Stop"));

    // The answer streams into the chat pane and into the database.
    QTRY_VERIFY_WITH_TIMEOUT(s.streamingText().size() >= 3 && s.streamingText() != "Thinking…", 20000);
    QTRY_VERIFY_WITH_TIMEOUT(s.pane()->statsLabel()->text().contains("tokens/s"), 10000);
    QVERIFY(s.pane()->statsLabel()->text().contains("context"));
    const qint64 answerId = s.session()->streamingMessageId();

    QTest::mouseClick(s.pane()->sendButton(), Qt::LeftButton);  // Stop
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 10000);
    auto msgs = s.messages();
    QCOMPARE(msgs.size(), size_t(2));
    QCOMPARE(QString::fromStdString(msgs[0].content), QStringLiteral("Review clause zebra\n合同条款审查"));
    QCOMPARE(msgs[1].id, answerId);
    QCOMPARE(msgs[1].state, storage::MessageState::Stopped);
    QVERIFY(!msgs[1].content.empty());
    QVERIFY(msgs[1].tokens > 0 && msgs[1].tokens < 200);
    QCOMPARE(QString::fromStdString(p(s).conversation(s.session()->conversationId())->title),
             QStringLiteral("Review clause zebra"));
    QCOMPARE(s.pane()->sendButton()->text(), QStringLiteral("Send"));
    MessageWidget* stopped = s.pane()->messageView()->widgetForMessage(answerId);
    QVERIFY(stopped);
    QVERIFY(stopped->findChild<QLabel*>("messageFooter")->text().contains("Stopped"));

    // Regenerate the last answer through its button.
    s.setSettings(0.0f, 12);
    QToolButton* regenerate = buttonWithTip(stopped, "Regenerate");
    QVERIFY(regenerate);
    QTest::mouseClick(regenerate, Qt::LeftButton);
    QVERIFY(s.session()->isGenerating());
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    msgs = s.messages();
    QCOMPARE(msgs.size(), size_t(2));
    QVERIFY(msgs[1].id != answerId);
    QCOMPARE(msgs[1].regeneration, 1);
    QCOMPARE(msgs[1].parentId, msgs[0].id);
    QVERIFY(msgs[1].state == storage::MessageState::Complete);
    QVERIFY(s.pane()->messageView()->widgetForMessage(msgs[1].id));
    QVERIFY(!s.pane()->messageView()->widgetForMessage(answerId));

    // Edit-and-resend the question in place.
    MessageWidget* question = s.pane()->messageView()->widgetForMessage(msgs[0].id);
    QToolButton* edit = buttonWithTip(question, "Edit and resend");
    QVERIFY(edit);
    QTest::mouseClick(edit, Qt::LeftButton);
    QVERIFY(question->isEditing());
    auto* editor = question->findChild<QPlainTextEdit*>("messageEditor");
    editor->setPlainText("Review clause zebra, shorter");
    auto* save = question->findChild<QPushButton*>("primaryButton");
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    msgs = s.messages();
    QCOMPARE(msgs.size(), size_t(2));
    QCOMPARE(QString::fromStdString(msgs[0].content), QStringLiteral("Review clause zebra, shorter"));
    QCOMPARE(msgs[1].regeneration, 0);
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
    // The assistant picked before the first message is stored, and its disclaimer is shown.
    QCOMPARE(QString::fromStdString(p(s).conversation(s.session()->conversationId())->assistant), QStringLiteral("legal"));
    QVERIFY(s.pane()->disclaimer()->text().contains("not legal advice"));
  }

  void searchFindsTheMessageAndJumpsToIt() {
    Studio s(modelDir_);
    s.setSettings(0.0f, 4);
    s.typeAndSend(QStringLiteral("定金罚则 zebra"));
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    const qint64 target = s.session()->conversationId();
    const qint64 userMessage = s.messages().front().id;
    s.window->newConversation();
    s.setSettings(0.0f, 4);
    s.typeAndSend("Another topic entirely");
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    QVERIFY(s.session()->conversationId() != target);
    QCOMPARE(s.window->conversations()->rowCount(), 2);

    ConversationSidebar* sidebar = s.window->sidebar();
    for (const QString query : {QStringLiteral("zebra"), QStringLiteral("定金罚则")}) {
      sidebar->searchBox()->clear();
      typeText(sidebar->searchBox(), query);
      QListView* results = sidebar->searchResultView();
      QTRY_VERIFY_WITH_TIMEOUT(results->isVisible() && results->model()->rowCount() == 1, 10000);
      QVERIFY(results->model()->index(0, 0).data().toString().contains("<b>"));
    }
    QListView* results = sidebar->searchResultView();
    const QRect hit = results->visualRect(results->model()->index(0, 0));
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, hit.center());
    QCOMPARE(s.session()->conversationId(), target);
    MessageWidget* w = s.pane()->messageView()->widgetForMessage(userMessage);
    QVERIFY(w);
    QTRY_VERIFY_WITH_TIMEOUT(w->property("flash").toBool(), 5000);
    // Clearing the search shows the conversation list again, with the hit's conversation selected.
    sidebar->searchBox()->clear();
    QTRY_VERIFY(sidebar->conversationView()->isVisible());
    QCOMPARE(s.window->conversations()->idAt(sidebar->conversationView()->currentIndex().row()), target);
  }

  void exportAndImport() {
    Studio s(modelDir_);
    s.setSettings(0.0f, 4);
    s.typeAndSend(QStringLiteral("Explain 违约金 please"));
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    const qint64 id = s.session()->conversationId();

    QSignalSpy exported(s.window.get(), &MainWindow::exportFinished);
    const QString json = s.profile.path("out/chat.json");
    QDir().mkpath(s.profile.path("out"));
    s.window->exportConversations({id}, "json", json);
    QVERIFY(exported.wait(10000));
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(QJsonDocument::fromJson(bytes).isObject());
    QVERIFY(QString::fromUtf8(bytes).contains(QStringLiteral("Explain 违约金 please")));

    const QString md = s.profile.path("out/chat.md");
    s.window->exportConversations({id}, "markdown", md);
    QVERIFY(exported.wait(10000));
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(mdFile.readAll()).contains(QStringLiteral("Explain 违约金 please")));
    // Atomic writes leave no temporary files behind.
    QCOMPARE(QDir(s.profile.path("out")).entryList(QDir::Files).size(), 2);

    // A failed export says why.
    s.window->exportConversations({id}, "json", s.profile.path("missing-folder/x.json"));
    QVERIFY(exported.wait(10000));
    QVERIFY(!exported.last().at(0).toBool());

    QSignalSpy imported(s.window.get(), &MainWindow::importFinished);
    s.window->importConversations(json);
    QVERIFY(imported.wait(10000));
    QVERIFY2(imported.first().at(0).toBool(), qPrintable(imported.first().at(2).toString()));
    QCOMPARE(imported.first().at(1).toInt(), 1);
    QCOMPARE(s.window->conversations()->rowCount(), 2);
  }

  void deleteWithUndo() {
    Studio s(modelDir_);
    s.setSettings(0.0f, 2);
    s.typeAndSend("to be deleted");
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    const qint64 id = s.session()->conversationId();
    ConversationSidebar* sidebar = s.window->sidebar();
    sidebar->deleteConversation(id);
    QCOMPARE(s.window->conversations()->rowCount(), 0);
    QCOMPARE(s.session()->conversationId(), 0);  // the pane moved to a new draft
    QWidget* undoBar = sidebar->findChild<QWidget*>("undoBar");
    QVERIFY(undoBar->isVisible());
    QTest::mouseClick(undoBar->findChild<QPushButton*>("undoButton"), Qt::LeftButton);
    QCOMPARE(s.window->conversations()->rowCount(), 1);
    QCOMPARE(s.session()->conversationId(), id);
    QCOMPARE(s.messages().size(), size_t(2));
  }

  void closingWhileGeneratingStopsCleanly() {
    auto s = std::make_unique<Studio>(modelDir_);
    s->slowDownGeneration(40);
    s->setSettings(0.7f, 200);
    s->typeAndSend("Write a long memo");
    QTRY_VERIFY_WITH_TIMEOUT(s->streamingText().size() >= 3 && s->streamingText() != "Thinking…", 20000);
    const qint64 answer = s->session()->streamingMessageId();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(s->window->close());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    // A second connection sees the answer saved as Stopped with its streamed text.
    storage::ChatStore reader(s->profile.dbPath().toStdString());
    const auto saved = reader.message(answer);
    QVERIFY(saved);
    QCOMPARE(saved->state, storage::MessageState::Stopped);
    QVERIFY(!saved->content.empty());
    QCOMPARE(QString::fromStdString(reader.integrityCheck()), QStringLiteral("ok"));
    s->window.reset();  // no crash destroying a window after close
  }

  void readOnlyReview() {
    Studio s(modelDir_);
    s.setSettings(0.0f, 2);
    s.typeAndSend("archived question");
    QTRY_VERIFY_WITH_TIMEOUT(!s.session()->isGenerating(), 20000);
    const qint64 id = s.session()->conversationId();
    s.window->openConversation(id, /*readOnly=*/true);
    QVERIFY(!s.pane()->input()->isVisible());
    QVERIFY(!s.session()->send("should not be sent"));
    QCOMPARE(s.messages().size(), size_t(2));
    auto* cont = s.pane()->findChild<QPushButton*>("continueButton");
    QVERIFY(cont && cont->isVisible());
    QTest::mouseClick(cont, Qt::LeftButton);
    QVERIFY(!s.session()->isReadOnly());
    QVERIFY(s.pane()->input()->isVisible());
  }

private:
  static storage::ChatStore& p(Studio& s) { return *s.profile.store; }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
