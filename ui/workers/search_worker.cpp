#include "ui/workers/search_worker.h"

#include <QElapsedTimer>
#include <exception>

namespace mindllm::ui {

SearchWorker::SearchWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<SearchHits>();
  qRegisterMetaType<ConversationRows>();
}
SearchWorker::~SearchWorker() = default;

void SearchWorker::open(const QString& databasePath) {
  try {
    store_ = std::make_unique<storage::ChatStore>(databasePath.toStdString());
  } catch (const std::exception& e) {
    store_.reset();
    Q_EMIT searchFailed(0, QString::fromUtf8(e.what()));
  }
}

void SearchWorker::search(quint64 requestId, const QString& query, const QString& assistant, int limit) {
  if (!store_) {
    Q_EMIT searchFailed(requestId, tr("The history database is not open."));
    return;
  }
  try {
    storage::SearchOptions options;
    options.limit = limit;
    options.assistant = assistant.toStdString();
    options.markOpen = "<b>";
    options.markClose = "</b>";
    options.escapeHtml = true;
    options.snippetChars = 80;
    QElapsedTimer timer;
    timer.start();
    SearchHits hits = store_->search(query.toStdString(), options);
    Q_EMIT resultsReady(requestId, hits, timer.nsecsElapsed() / 1e6);
  } catch (const std::exception& e) {
    Q_EMIT searchFailed(requestId, QString::fromUtf8(e.what()));
  }
}

void SearchWorker::listConversations(quint64 requestId, const storage::ConversationFilter& filter) {
  if (!store_) {
    Q_EMIT listFailed(requestId, tr("The history database is not open."));
    return;
  }
  try {
    Q_EMIT conversationsListed(requestId, store_->listConversations(filter));
  } catch (const std::exception& e) {
    Q_EMIT listFailed(requestId, QString::fromUtf8(e.what()));
  }
}

SearchWorker* startSearchWorker(QThread& thread, const QString& databasePath) {
  auto* worker = new SearchWorker;
  worker->moveToThread(&thread);
  QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
  thread.start();
  QMetaObject::invokeMethod(worker, [worker, databasePath] { worker->open(databasePath); }, Qt::QueuedConnection);
  return worker;
}

}  // namespace mindllm::ui
