#pragma once
// History review: every conversation in a table, filtered by assistant, date range and text;
// open one read-only or continue it; export the selected ones as Markdown or JSON; import a JSON
// export. Exports and imports run in MainWindow's background jobs.
#include <QDialog>

#include "core/storage/chat_store.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace mindllm::ui {

class AssistantCatalog;

class HistoryDialog : public QDialog {
  Q_OBJECT
public:
  HistoryDialog(storage::ChatStore& store, const AssistantCatalog& assistants, const QString& language,
                QWidget* parent = nullptr);

  void reload();
  QList<qint64> selectedIds() const;
  QTreeWidget* table() const { return table_; }
  QComboBox* assistantFilter() const { return assistant_; }
  QLineEdit* textFilter() const { return text_; }

Q_SIGNALS:
  void openRequested(qint64 id, bool readOnly);
  void exportRequested(const QList<qint64>& ids, const QString& format);
  void importRequested();

private:
  void updateButtons();

  storage::ChatStore& store_;
  const AssistantCatalog& assistants_;
  QString language_;
  QComboBox* assistant_ = nullptr;
  QCheckBox* useDates_ = nullptr;
  QDateEdit* from_ = nullptr;
  QDateEdit* to_ = nullptr;
  QLineEdit* text_ = nullptr;
  QTreeWidget* table_ = nullptr;
  QLabel* count_ = nullptr;
  QPushButton* open_ = nullptr;
  QPushButton* continue_ = nullptr;
  QPushButton* exportMd_ = nullptr;
  QPushButton* exportJson_ = nullptr;
};

}  // namespace mindllm::ui
