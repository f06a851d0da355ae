#pragma once
// History review: every conversation in a table, filtered by assistant, date range and text;
// open one read-only or continue it; export the selected ones as Markdown or JSON; import a JSON
// export. Exports and imports run in MainWindow's background jobs. The filtered list comes from the
// SearchWorker on its own thread (the GUI thread never waits for SQLite): every reload is a new
// request, and only the newest request's rows are shown.
#include <QDialog>
#include <QPointer>

#include "ui/workers/search_worker.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace mindllm::ui {

class AssistantCatalog;

class HistoryDialog : public QDialog {
  Q_OBJECT
public:
  // `worker` lives on another thread with its database already open (MainWindow's search worker).
  HistoryDialog(SearchWorker* worker, const AssistantCatalog& assistants, const QString& language,
                QWidget* parent = nullptr);

  // Asks the worker for the rows matching the filters; they arrive in showConversations.
  void reload();
  // True from a reload until the newest request's answer (rows or error) has arrived.
  bool isBusy() const { return busy_; }
  quint64 currentRequest() const { return request_; }
  QList<qint64> selectedIds() const;
  QTreeWidget* table() const { return table_; }
  QComboBox* assistantFilter() const { return assistant_; }
  QLineEdit* textFilter() const { return text_; }

Q_SIGNALS:
  void openRequested(qint64 id, bool readOnly);
  void exportRequested(const QList<qint64>& ids, const QString& format);
  void importRequested();

public Q_SLOTS:
  // The worker's answers; any but the newest request's are dropped.
  void showConversations(quint64 requestId, const mindllm::ui::ConversationRows& rows);
  void showListError(quint64 requestId, const QString& error);

private:
  void connectFilters();
  storage::ConversationFilter currentFilter() const;
  void fillTable(const ConversationRows& rows);
  void setBusy(bool busy);
  void updateButtons();

  QPointer<SearchWorker> worker_;
  quint64 request_ = 0;
  bool busy_ = false;
  const AssistantCatalog& assistants_;
  QString language_;
  QComboBox* assistant_ = nullptr;
  QCheckBox* useDates_ = nullptr;
  QDateEdit* from_ = nullptr;
  QDateEdit* to_ = nullptr;
  QLineEdit* text_ = nullptr;
  QTreeWidget* table_ = nullptr;
  QLabel* count_ = nullptr;
  QProgressBar* busyBar_ = nullptr;
  QPushButton* open_ = nullptr;
  QPushButton* continue_ = nullptr;
  QPushButton* exportMd_ = nullptr;
  QPushButton* exportJson_ = nullptr;
};

}  // namespace mindllm::ui
