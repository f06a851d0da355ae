#include "ui/views/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <exception>
#include <limits>

#include "ui/language.h"
#include "ui/models/chat_session.h"
#include "ui/models/conversation_list_model.h"
#include "ui/models/job_manager.h"
#include "ui/models/model_list_model.h"
#include "ui/views/chat_pane.h"
#include "ui/views/conversation_sidebar.h"
#include "ui/views/evaluation_page.h"
#include "ui/views/generation_settings_dialog.h"
#include "ui/views/history_dialog.h"
#include "ui/views/icons.h"
#include "ui/views/jobs_page.h"
#include "ui/views/model_import_dialog.h"
#include "ui/views/page_switcher.h"
#include "ui/views/preferences_dialog.h"
#include "ui/workers/background_task.h"
#include "ui/workers/generation_worker.h"
#include "ui/workers/search_worker.h"

namespace mindllm::ui {

MainWindow::MainWindow(storage::ChatStore& store, const AssistantCatalog& assistants, AppSettings& settings,
                       const QString& language, QWidget* parent)
    : QMainWindow(parent), store_(store), assistants_(assistants), settings_(settings), language_(language) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(icons::get(QStringLiteral("app")));

  startWorkers();
  conversations_ = new ConversationListModel(store_, this);
  models_ = new ModelListModel(this);
  // Jobs live beside the history database: <data>/jobs, and their models in <data>/finetuned.
  const QString dbPath = QString::fromStdString(store_.path());
  jobs_ = new JobManager(dbPath, JobPaths::under(QFileInfo(dbPath).absolutePath()), this);
  session_ = new ChatSession(store_, assistants_, generationWorker_, this);
  session_->setDevice(settings_.device());
  session_->setUiLanguage(language_);
  session_->setFallbackModel(settings_.defaultModel());

  sidebar_ = new ConversationSidebar(conversations_, assistants_, language_, this);
  chatPane_ = new ChatPane(session_, assistants_, models_, language_, this);
  auto* splitter = new QSplitter(this);
  splitter->setObjectName(QStringLiteral("mainSplitter"));
  splitter->addWidget(sidebar_);
  splitter->addWidget(chatPane_);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({280, 820});
  splitter->setChildrenCollapsible(false);
  sidebar_->setMinimumWidth(220);
  jobsPage_ = new JobsPage(jobs_, models_, this);
  jobsPage_->setDevices(computeDevices());
  pages_ = new PageSwitcher(this);
  pages_->addPage(QStringLiteral("chat"), icons::get(QStringLiteral("new_chat")), tr("Chat"), splitter);
  pages_->addPage(QStringLiteral("jobs"), icons::get(QStringLiteral("model")), tr("Jobs"), jobsPage_);
  // The Evaluation page has its own connection to the database and its own worker thread.
  evaluationPage_ = new EvaluationPage(models_, QString::fromStdString(store_.path()),
                                       evalTaskPresets(EvalDataRoots::appDefaults()), this);
  evaluationPage_->setDevice(settings_.device());
  pages_->addPage(QStringLiteral("evaluation"), icons::get(QStringLiteral("check")), tr("Evaluation"), evaluationPage_);
  setCentralWidget(pages_);

  modelStatus_ = new QLabel(tr("No model loaded"), this);
  deviceStatus_ = new QLabel(this);
  statusBar()->addPermanentWidget(modelStatus_);
  statusBar()->addPermanentWidget(deviceStatus_);
  deviceStatus_->setText(settings_.device().toUpper());
  buildMenus();

  // Sidebar -> session.
  connect(sidebar_, &ConversationSidebar::conversationActivated, this, [this](qint64 id) { openConversation(id); });
  connect(sidebar_, &ConversationSidebar::newConversationRequested, this, &MainWindow::newConversation);
  connect(sidebar_, &ConversationSidebar::searchHitActivated, this, [this](qint64 conversation, qint64 message) {
    if (conversation != session_->conversationId()) openConversation(conversation);
    chatPane_->jumpToMessage(message);
  });
  connect(sidebar_, &ConversationSidebar::exportRequested, this, &MainWindow::askExport);
  connect(sidebar_, &ConversationSidebar::deleteRequested, this, [this](qint64 id) {
    if (session_->generatingConversationId() == id) session_->stop();
  });
  connect(sidebar_, &ConversationSidebar::errorOccurred, this, &MainWindow::showError);
  connect(sidebar_, &ConversationSidebar::searchRequested, this,
          [this](quint64 requestId, const QString& query, const QString& assistant) {
            SearchWorker* worker = searchWorker_.data();
            if (!worker) return;
            QMetaObject::invokeMethod(worker, [=] { worker->search(requestId, query, assistant, 100); },
                                      Qt::QueuedConnection);
          });
  connect(searchWorker_, &SearchWorker::resultsReady, sidebar_, &ConversationSidebar::showSearchResults);
  connect(searchWorker_, &SearchWorker::searchFailed, sidebar_, &ConversationSidebar::showSearchError);

  // Session -> list, status.
  connect(session_, &ChatSession::conversationCreated, this, [this](qint64 id) {
    conversations_->refresh();
    sidebar_->setCurrentConversation(id);
  });
  connect(session_, &ChatSession::conversationChanged, this, [this] {
    conversations_->refresh();
    updateWindowTitle();
  });
  connect(session_, &ChatSession::openedConversationChanged, this, &MainWindow::updateWindowTitle);
  connect(session_, &ChatSession::generatingChanged, this, [this](bool generating) {
    sidebar_->setGeneratingConversation(generating ? session_->generatingConversationId() : 0);
  });
  connect(session_, &ChatSession::errorOccurred, this, &MainWindow::showError);
  connect(session_, &ChatSession::modelStatus, this, [this](const QString& text, bool busy) {
    modelStatus_->setText(text);
    chatPane_->setModelStatus(text, busy);
  });
  connect(generationWorker_, &GenerationWorker::modelLoadFailed, this, [this](const QString& dir, const QString& error) {
    statusBar()->showMessage(tr("Could not load the model in %1: %2").arg(dir, error.section(QLatin1Char('\n'), 0, 0)), 15000);
  });
  connect(chatPane_, &ChatPane::settingsRequested, this, &MainWindow::showGenerationSettings);
  connect(chatPane_, &ChatPane::importModelRequested, this, &MainWindow::showImportModel);
  connect(models_, &ModelListModel::refreshed, this, &MainWindow::onModelsRefreshed);

  // Jobs -> model list, chat.
  connect(jobs_, &JobManager::modelPublished, this, [this](qint64, const QString& dir) {
    models_->refresh();
    statusBar()->showMessage(tr("Fine-tuned model %1 is ready in the model list").arg(QFileInfo(dir).fileName()), 15000);
  });
  connect(jobs_, &JobManager::errorOccurred, this, &MainWindow::showError);
  connect(jobsPage_, &JobsPage::errorOccurred, this, &MainWindow::showError);
  connect(jobsPage_, &JobsPage::useModelRequested, this, &MainWindow::useModel);

  ModelSources sources = ModelSources::appDefaults(settings_.importedModels());
  sources.fineTunedRoot = jobs_->paths().fineTunedRoot;
  models_->setSources(sources);
  if (!restoreGeometry(settings_.windowGeometry())) resize(1180, 760);
  restoreState(settings_.windowState());
  newConversation();
}

MainWindow::~MainWindow() { shutdown(); }

void MainWindow::startWorkers() {
  generationThread_.setObjectName(QStringLiteral("generation"));
  generationWorker_ = new GenerationWorker;
  generationWorker_->moveToThread(&generationThread_);
  connect(&generationThread_, &QThread::finished, generationWorker_, &QObject::deleteLater);
  generationThread_.start();

  searchThread_.setObjectName(QStringLiteral("search"));
  searchWorker_ = startSearchWorker(searchThread_, QString::fromStdString(store_.path()));
}

void MainWindow::setModelSources(const ModelSources& sources) {
  models_->setSources(sources);
  if (!sources.fineTunedRoot.isEmpty()) jobs_->setFineTunedRoot(sources.fineTunedRoot);
}

void MainWindow::useModel(const QString& dir) {
  pages_->showPage(QStringLiteral("chat"));
  newConversation();
  session_->setModel(dir);
  chatPane_->refresh();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(icons::get(QStringLiteral("new_chat")), tr("&New conversation"), QKeySequence::New, this,
                  &MainWindow::newConversation);
  file->addAction(icons::get(QStringLiteral("history")), tr("&History…"), QKeySequence(tr("Ctrl+H")), this,
                  &MainWindow::showHistory);
  file->addSeparator();
  file->addAction(icons::get(QStringLiteral("import")), tr("&Import conversations (JSON)…"), this,
                  &MainWindow::askImport);
  file->addAction(icons::get(QStringLiteral("export")), tr("Export conversation as &Markdown…"), this, [this] {
    if (session_->conversationId()) askExport({session_->conversationId()}, QStringLiteral("markdown"));
  });
  file->addAction(icons::get(QStringLiteral("export")), tr("Export conversation as &JSON…"), this, [this] {
    if (session_->conversationId()) askExport({session_->conversationId()}, QStringLiteral("json"));
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(icons::get(QStringLiteral("search")), tr("&Find in messages"), QKeySequence::Find, this, [this] {
    sidebar_->searchBox()->setFocus();
    sidebar_->searchBox()->selectAll();
  });
  edit->addAction(icons::get(QStringLiteral("edit")), tr("&Rename conversation"), QKeySequence(Qt::Key_F2), this,
                  [this] { sidebar_->renameConversation(session_->conversationId()); });
  edit->addAction(icons::get(QStringLiteral("delete")), tr("&Delete conversation"), this, [this] {
    if (session_->conversationId()) sidebar_->deleteConversation(session_->conversationId());
  });

  QMenu* models = menuBar()->addMenu(tr("&Models"));
  models->addAction(icons::get(QStringLiteral("import")), tr("&Import model folder…"), this, &MainWindow::showImportModel);
  models->addAction(icons::get(QStringLiteral("regenerate")), tr("&Refresh model list"), this, [this] { models_->refresh(); });
  models->addSeparator();
  models->addAction(icons::get(QStringLiteral("model")), tr("New &fine-tuning job…"), this, [this] {
    pages_->showPage(QStringLiteral("jobs"));
    jobsPage_->showNewJobDialog();
  });
  models->addAction(tr("Show &jobs"), this, [this] { pages_->showPage(QStringLiteral("jobs")); });
  models->addAction(tr("&Evaluation…"), QKeySequence(tr("Ctrl+Shift+E")), this, &MainWindow::showEvaluation);

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  settings->addAction(icons::get(QStringLiteral("settings")), tr("&Generation settings…"), this,
                      &MainWindow::showGenerationSettings);
  settings->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, &MainWindow::showPreferences);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About MindLLM Studio"), this, &MainWindow::showAbout);
}

void MainWindow::newConversation() {
  // A draft: it is saved with its first message, so empty conversations do not pile up.
  session_->open(0);
  sidebar_->setCurrentConversation(0);
  chatPane_->focusInput();
}

bool MainWindow::newConversationWith(const QString& assistantId) {
  if (!assistants_.contains(assistantId)) return false;
  newConversation();
  session_->setAssistant(assistantId);  // a draft keeps its assistant until its first message
  chatPane_->refresh();
  return true;
}

void MainWindow::openConversation(qint64 id, bool readOnly) {
  if (!id) {
    newConversation();
    return;
  }
  try {
    session_->open(id, readOnly);
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return;
  }
  sidebar_->setCurrentConversation(id);
}

void MainWindow::updateWindowTitle() {
  const storage::Conversation c = session_->conversation();
  const QString title = c.title.empty() ? tr("New conversation") : QString::fromStdString(c.title);
  setWindowTitle(tr("%1 — MindLLM Studio").arg(title));
}

void MainWindow::onModelsRefreshed() {
  const QString fallback = models_->resolveDefault(settings_.defaultModel());
  session_->setFallbackModel(fallback);
  if (fallback.isEmpty()) {
    modelStatus_->setText(tr("No model: import one from the Models menu"));
  } else if (generationWorker_ && !generationWorker_->hasModel()) {
    // Load the default model now, so the first answer does not wait for it.
    GenerationWorker* worker = generationWorker_.data();
    const QString device = settings_.device();
    QMetaObject::invokeMethod(worker, [worker, fallback, device] { worker->loadModel(fallback, device); },
                              Qt::QueuedConnection);
  }
  chatPane_->refresh();
}

void MainWindow::showError(const QString& message) {
  statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 10000);
  // Non-blocking, so that a worker's error never stalls the event loop (or a test).
  auto* box = new QMessageBox(QMessageBox::Warning, tr("MindLLM Studio"), message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("errorBox"));
  box->open();
}

void MainWindow::askExport(const QList<qint64>& ids, const QString& format) {
  if (ids.isEmpty()) return;
  const bool json = format == QLatin1String("json");
  QString base = QStringLiteral("mindllm-conversations");
  if (ids.size() == 1) {
    if (auto c = store_.conversation(ids.front()); c && !c->title.empty()) {
      base = QString::fromStdString(c->title);
      base.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|\\s]+")), QStringLiteral("-"));
    }
  }
  const QString suggested = settings_.lastExportFolder() + QLatin1Char('/') + base + (json ? ".json" : ".md");
  const QString path = QFileDialog::getSaveFileName(
      this, json ? tr("Export as JSON") : tr("Export as Markdown"), suggested,
      json ? tr("JSON export (*.json)") : tr("Markdown (*.md)"));
  if (path.isEmpty()) return;
  settings_.setLastExportFolder(QFileInfo(path).absolutePath());
  exportConversations(ids, format, path);
}

void MainWindow::exportConversations(const QList<qint64>& ids, const QString& format, const QString& path) {
  try {
    store_.flushStreaming();  // the export's own connection must see every streamed piece
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
  }
  const std::string dbPath = store_.path();
  const std::vector<int64_t> idList(ids.begin(), ids.end());
  const bool json = format == QLatin1String("json");
  const std::string target = path.toStdString();
  statusBar()->showMessage(tr("Exporting…"));
  runInBackground<bool>(
      this,
      [dbPath, idList, json, target] {
        storage::ChatStore store(dbPath);
        if (json)
          store.exportJson(idList, target);
        else
          store.exportMarkdown(idList, target);
        return true;
      },
      [this, path, n = ids.size()](bool) {
        statusBar()->showMessage(tr("Exported %n conversation(s) to %1", nullptr, static_cast<int>(n)).arg(path), 8000);
        Q_EMIT exportFinished(true, path);
      },
      [this](const QString& error) {
        showError(tr("Export failed:\n%1").arg(error));
        Q_EMIT exportFinished(false, error);
      });
}

void MainWindow::askImport() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import conversations"), settings_.lastExportFolder(),
                                                    tr("JSON export (*.json)"));
  if (!path.isEmpty()) importConversations(path);
}

void MainWindow::importConversations(const QString& path) {
  const std::string dbPath = store_.path();
  const std::string source = path.toStdString();
  statusBar()->showMessage(tr("Importing…"));
  runInBackground<std::vector<int64_t>>(
      this,
      [dbPath, source] {
        storage::ChatStore store(dbPath);
        return store.importJson(source);
      },
      [this](std::vector<int64_t> ids) {
        conversations_->refresh();
        sidebar_->setCurrentConversation(session_->conversationId());
        statusBar()->showMessage(tr("Imported %n conversation(s)", nullptr, static_cast<int>(ids.size())), 8000);
        Q_EMIT importFinished(true, static_cast<int>(ids.size()), {});
      },
      [this](const QString& error) {
        showError(tr("Import failed:\n%1").arg(error));
        Q_EMIT importFinished(false, 0, error);
      });
}

void MainWindow::showHistory() {
  HistoryDialog dialog(searchWorker_.data(), assistants_, language_, this);
  connect(&dialog, &HistoryDialog::openRequested, this, &MainWindow::openConversation);
  connect(&dialog, &HistoryDialog::exportRequested, this, &MainWindow::askExport);
  connect(&dialog, &HistoryDialog::importRequested, this, &MainWindow::askImport);
  connect(this, &MainWindow::importFinished, &dialog, &HistoryDialog::reload);
  dialog.exec();
}

void MainWindow::showGenerationSettings() {
  if (session_->isReadOnly()) return;
  const QString assistant = session_->assistant();
  GenerationSettingsDialog dialog(session_->generationSettings(), session_->systemPromptOverride(),
                                  assistants_.systemPrompt(assistant, language_), this);
  if (dialog.exec() != QDialog::Accepted) return;
  session_->setGenerationSettings(dialog.settings());
  session_->setSystemPromptOverride(dialog.systemPromptOverride());
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(settings_, computeDevices(), models_, models_->resolveDefault(settings_.defaultModel()), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const bool languageChanged = dialog.apply();
  session_->setDevice(settings_.device());
  if (evaluationPage_) evaluationPage_->setDevice(settings_.device());
  deviceStatus_->setText(settings_.device().toUpper());
  onModelsRefreshed();
  if (languageChanged)
    QMessageBox::information(this, tr("Language"), tr("The new language applies when you restart MindLLM Studio."));
}

void MainWindow::showImportModel() {
  ModelImportDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted || !dialog.isValid()) return;
  const ModelSummary summary = dialog.summary();
  settings_.addImportedModel(summary.dir);
  models_->addImported(summary);
  if (settings_.defaultModel().isEmpty()) settings_.setDefaultModel(summary.dir);
  if (session_->conversationId())
    session_->setModel(summary.dir);
  onModelsRefreshed();
  statusBar()->showMessage(tr("Imported model %1").arg(summary.name), 8000);
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About MindLLM Studio"),
      tr("<h3>MindLLM Studio %1</h3><p>Chat with the bilingual MindLLM models on your own computer: a legal "
         "assistant, a financial assistant and a general one. Conversations stay on this computer.</p>"
         "<p>Based on <i>MindLLM: Lightweight large language model pre-training, evaluation and domain "
         "application</i>.</p><p>Answers may be wrong. They are not legal or investment advice.</p>")
          .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  settings_.setWindowLayout(saveGeometry(), saveState());
  shutdown();
  event->accept();
}

void MainWindow::showEvaluation() {
  if (evaluationPage_) pages_->showPage(QStringLiteral("evaluation"));
}

EvaluationPage* MainWindow::evaluationPage() const { return evaluationPage_; }

void MainWindow::shutdown() {
  if (shutDown_) return;
  shutDown_ = true;
  // Cancels a running evaluation and stores it as cancelled (EvaluationSession's destructor).
  delete evaluationPage_;
  // Cancel everything queued or running, let the worker finish its current token, then deliver
  // its last signals so the answer is saved as Stopped with all its text.
  if (generationWorker_) generationWorker_->requestStop(std::numeric_limits<quint64>::max());
  generationThread_.quit();
  generationThread_.wait();
  QCoreApplication::sendPostedEvents(session_, QEvent::MetaCall);
  session_->abandonStreaming();
  searchThread_.quit();
  searchThread_.wait();
  // Running jobs checkpoint and stop; they show as interrupted at the next start.
  jobs_->shutdown();
  try {
    store_.flushStreaming();
  } catch (const std::exception&) {
  }
}

}  // namespace mindllm::ui
