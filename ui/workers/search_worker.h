#pragma once
// Full-text search and the History dialog's filtered list over the chat history on its own thread,
// with its own ChatStore connection to the same file (WAL lets it read beside the GUI thread's
// writes). Results carry the request id so the sidebar and the dialog can drop answers to queries
// the user has already changed.
#include <QObject>
#include <QString>
#include <QThread>
#include <memory>
#include <vector>

#include "core/storage/chat_store.h"

namespace mindllm::ui {

using SearchHits = std::vector<storage::SearchHit>;
using ConversationRows = std::vector<storage::Conversation>;

class SearchWorker : public QObject {
  Q_OBJECT
public:
  explicit SearchWorker(QObject* parent = nullptr);
  ~SearchWorker() override;

public Q_SLOTS:
  // Both through queued connections, open() first.
  void open(const QString& databasePath);
  void search(quint64 requestId, const QString& query, const QString& assistant, int limit);
  void listConversations(quint64 requestId, const mindllm::storage::ConversationFilter& filter);

Q_SIGNALS:
  void resultsReady(quint64 requestId, const mindllm::ui::SearchHits& hits, double milliseconds);
  void searchFailed(quint64 requestId, const QString& error);
  // The History dialog's answers: separate signals, because its request ids are its own.
  void conversationsListed(quint64 requestId, const mindllm::ui::ConversationRows& rows);
  void listFailed(quint64 requestId, const QString& error);

private:
  std::unique_ptr<storage::ChatStore> store_;
};

// Starts `thread` with a new SearchWorker on it that opens `databasePath` there (a connection
// belongs to the thread that made it); the worker is deleted when the thread finishes.
SearchWorker* startSearchWorker(QThread& thread, const QString& databasePath);

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::ui::SearchHits)
Q_DECLARE_METATYPE(mindllm::ui::ConversationRows)
