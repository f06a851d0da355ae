#pragma once
// The left column: New conversation, a search box that finds text inside messages (results from
// the SearchWorker, newest first; a click jumps to the message), filters by assistant and date,
// and the conversation list with rename, pin, export and delete (with Undo) in its context menu.
#include <QWidget>

#include "ui/workers/search_worker.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTimer;

namespace mindllm::ui {

class AssistantCatalog;
class ConversationListModel;

class ConversationSidebar : public QWidget {
  Q_OBJECT
public:
  ConversationSidebar(ConversationListModel* conversations, const AssistantCatalog& assistants,
                      const QString& language, QWidget* parent = nullptr);

  void setCurrentConversation(qint64 id);
  qint64 currentConversation() const { return current_; }
  void setGeneratingConversation(qint64 id) { generating_ = id; }

  // Search results arrive from the SearchWorker (MainWindow connects them).
  void showSearchResults(quint64 requestId, const SearchHits& hits, double milliseconds);
  void showSearchError(quint64 requestId, const QString& error);

  // For tests and keyboard shortcuts.
  QLineEdit* searchBox() const { return search_; }
  QListView* conversationView() const { return list_; }
  QListView* searchResultView() const { return results_; }
  QComboBox* assistantFilter() const { return assistantFilter_; }
  QComboBox* dateFilter() const { return dateFilter_; }
  void renameConversation(qint64 id);
  void deleteConversation(qint64 id);
  void undoDelete();

Q_SIGNALS:
  void conversationActivated(qint64 id);
  void newConversationRequested();
  void searchRequested(quint64 requestId, const QString& query, const QString& assistant);
  void searchHitActivated(qint64 conversationId, qint64 messageId);
  void exportRequested(const QList<qint64>& ids, const QString& format);  // "markdown" | "json"
  void deleteRequested(qint64 id);  // before deleting: lets the window stop a running answer
  void errorOccurred(const QString& message);

private:
  void applyFilters();
  void startSearch();
  void showContextMenu(const QPoint& pos);
  void reselectCurrent();
  QString filterAssistant() const;

  ConversationListModel* conversations_;
  const AssistantCatalog& assistants_;
  qint64 current_ = 0;
  qint64 generating_ = 0;
  qint64 lastDeleted_ = 0;
  quint64 searchRequest_ = 0;

  QLineEdit* search_ = nullptr;
  QComboBox* assistantFilter_ = nullptr;
  QComboBox* dateFilter_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QListView* list_ = nullptr;
  QListView* results_ = nullptr;
  QStandardItemModel* resultModel_ = nullptr;
  QLabel* resultInfo_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  QWidget* undoBar_ = nullptr;
  QLabel* undoLabel_ = nullptr;
  QTimer* searchDebounce_ = nullptr;
  QTimer* undoTimer_ = nullptr;
};

}  // namespace mindllm::ui
