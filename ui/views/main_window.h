#pragma once
// The app window: a navigation rail switches between pages. Chat: conversation sidebar on the
// left, chat pane on the right. Jobs: fine-tuning jobs (ui/views/jobs_page.h). Menus for history,
// import/export, models, fine-tuning and preferences. It owns the worker threads (generation,
// search) and the job manager, and stops them cleanly on close, also in the middle of an answer
// or a training job (which then shows as interrupted and resumes from its checkpoint).
#include <QMainWindow>
#include <QPointer>
#include <QThread>

#include "core/storage/chat_store.h"
#include "ui/app_settings.h"
#include "ui/assistant_catalog.h"
#include "ui/workers/generation_worker.h"
#include "ui/workers/search_worker.h"

class QLabel;

namespace mindllm::ui {

class ChatPane;
class ChatSession;
class ConversationListModel;
class ConversationSidebar;
class JobManager;
class JobsPage;
class EvaluationPage;
class ModelListModel;
class PageSwitcher;
struct ModelSources;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  // `language`: the UI language in use ("en" / "zh_CN"), for assistant texts.
  MainWindow(storage::ChatStore& store, const AssistantCatalog& assistants, AppSettings& settings,
             const QString& language, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Replaces where models are looked for (tests point this at a temporary folder). A non-empty
  // fineTunedRoot is also where finished jobs put their models.
  void setModelSources(const ModelSources& sources);
  // Switches to the chat with a new conversation on model folder `dir`.
  void useModel(const QString& dir);

  void newConversation();
  // A new conversation draft with this assistant (the app starts on the Legal assistant when the
  // demo model is installed). False, and nothing changes, for an id the catalog does not know.
  bool newConversationWith(const QString& assistantId);
  void openConversation(qint64 id, bool readOnly = false);
  // Export through a worker thread with its own database connection; emits exportFinished.
  void exportConversations(const QList<qint64>& ids, const QString& format, const QString& path);
  void importConversations(const QString& path);
  // The Evaluation page of the navigation rail (also Models → Evaluation…); null after shutdown().
  void showEvaluation();
  EvaluationPage* evaluationPage() const;
  // Stops a running answer and the worker threads; called by closeEvent.
  void shutdown();

  ChatSession* session() const { return session_; }
  ConversationSidebar* sidebar() const { return sidebar_; }
  ChatPane* chatPane() const { return chatPane_; }
  ConversationListModel* conversations() const { return conversations_; }
  ModelListModel* models() const { return models_; }
  GenerationWorker* generationWorker() const { return generationWorker_; }
  JobManager* jobManager() const { return jobs_; }
  JobsPage* jobsPage() const { return jobsPage_; }
  PageSwitcher* pages() const { return pages_; }

Q_SIGNALS:
  void exportFinished(bool ok, const QString& pathOrError);
  void importFinished(bool ok, int count, const QString& error);

protected:
  void closeEvent(QCloseEvent* event) override;

private:
  void buildMenus();
  void startWorkers();
  void showError(const QString& message);
  void askExport(const QList<qint64>& ids, const QString& format);
  void askImport();
  void showHistory();
  void showGenerationSettings();
  void showPreferences();
  void showImportModel();
  void showAbout();
  void updateWindowTitle();
  void onModelsRefreshed();

  storage::ChatStore& store_;
  const AssistantCatalog& assistants_;
  AppSettings& settings_;
  QString language_;

  QThread generationThread_;
  QThread searchThread_;
  QPointer<GenerationWorker> generationWorker_;
  QPointer<SearchWorker> searchWorker_;

  ConversationListModel* conversations_ = nullptr;
  ModelListModel* models_ = nullptr;
  ChatSession* session_ = nullptr;
  ConversationSidebar* sidebar_ = nullptr;
  ChatPane* chatPane_ = nullptr;
  JobManager* jobs_ = nullptr;
  JobsPage* jobsPage_ = nullptr;
  PageSwitcher* pages_ = nullptr;
  QPointer<EvaluationPage> evaluationPage_;
  QLabel* modelStatus_ = nullptr;
  QLabel* deviceStatus_ = nullptr;
  bool shutDown_ = false;
};

}  // namespace mindllm::ui
