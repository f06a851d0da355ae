#include "ui/views/history_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/assistant_catalog.h"
#include "ui/views/icons.h"

namespace mindllm::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

// Date columns sort by time, not by their localised text.
class HistoryItem : public QTreeWidgetItem {
public:
  using QTreeWidgetItem::QTreeWidgetItem;
  bool operator<(const QTreeWidgetItem& other) const override {
    const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
    if (column == 3 || column == 4) return data(column, Qt::UserRole).toDateTime() < other.data(column, Qt::UserRole).toDateTime();
    return QTreeWidgetItem::operator<(other);
  }
};
}  // namespace

HistoryDialog::HistoryDialog(SearchWorker* worker, const AssistantCatalog& assistants, const QString& language,
                             QWidget* parent)
    : QDialog(parent), worker_(worker), assistants_(assistants), language_(language) {
  setWindowTitle(tr("Conversation history"));
  setObjectName(QStringLiteral("historyDialog"));

  assistant_ = new QComboBox(this);
  assistant_->addItem(tr("All assistants"), QString());
  for (const QString& id : assistants_.ids())
    assistant_->addItem(assistants_.icon(id), assistants_.name(id, language_), id);
  useDates_ = new QCheckBox(tr("Updated between"), this);
  from_ = new QDateEdit(QDate::currentDate().addMonths(-1), this);
  to_ = new QDateEdit(QDate::currentDate(), this);
  for (QDateEdit* e : {from_, to_}) {
    e->setCalendarPopup(true);
    e->setEnabled(false);
  }
  connect(useDates_, &QCheckBox::toggled, from_, &QWidget::setEnabled);
  connect(useDates_, &QCheckBox::toggled, to_, &QWidget::setEnabled);
  text_ = new QLineEdit(this);
  text_->setPlaceholderText(tr("Title or message text"));
  text_->setClearButtonEnabled(true);

  auto* filters = new QHBoxLayout;
  filters->addWidget(assistant_);
  filters->addWidget(useDates_);
  filters->addWidget(from_);
  filters->addWidget(new QLabel(QStringLiteral("–"), this));
  filters->addWidget(to_);
  filters->addWidget(text_, 1);

  table_ = new QTreeWidget(this);
  table_->setObjectName(QStringLiteral("historyTable"));
  table_->setRootIsDecorated(false);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setHeaderLabels({tr("Title"), tr("Assistant"), tr("Messages"), tr("Last updated"), tr("Created")});
  table_->setSortingEnabled(true);
  table_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->header()->setStretchLastSection(false);
  table_->setUniformRowHeights(true);
  connect(table_, &QTreeWidget::itemSelectionChanged, this, &HistoryDialog::updateButtons);
  connect(table_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    Q_EMIT openRequested(item->data(0, kIdRole).toLongLong(), true);
    accept();
  });

  count_ = new QLabel(this);
  busyBar_ = new QProgressBar(this);
  busyBar_->setRange(0, 0);  // indeterminate: the query's length is unknown
  busyBar_->setMaximumWidth(120);
  busyBar_->setTextVisible(false);
  busyBar_->hide();
  open_ = new QPushButton(tr("Open read-only"), this);
  continue_ = new QPushButton(tr("Continue"), this);
  exportMd_ = new QPushButton(icons::get(QStringLiteral("export")), tr("Export Markdown…"), this);
  exportJson_ = new QPushButton(icons::get(QStringLiteral("export")), tr("Export JSON…"), this);
  auto* import = new QPushButton(icons::get(QStringLiteral("import")), tr("Import JSON…"), this);
  auto* close = new QPushButton(tr("Close"), this);
  connect(open_, &QPushButton::clicked, this, [this] {
    Q_EMIT openRequested(selectedIds().value(0), true);
    accept();
  });
  connect(continue_, &QPushButton::clicked, this, [this] {
    Q_EMIT openRequested(selectedIds().value(0), false);
    accept();
  });
  connect(exportMd_, &QPushButton::clicked, this,
          [this] { Q_EMIT exportRequested(selectedIds(), QStringLiteral("markdown")); });
  connect(exportJson_, &QPushButton::clicked, this,
          [this] { Q_EMIT exportRequested(selectedIds(), QStringLiteral("json")); });
  connect(import, &QPushButton::clicked, this, &HistoryDialog::importRequested);
  connect(close, &QPushButton::clicked, this, &QDialog::reject);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(busyBar_);
  buttons->addWidget(count_, 1);
  buttons->addWidget(open_);
  buttons->addWidget(continue_);
  buttons->addWidget(exportMd_);
  buttons->addWidget(exportJson_);
  buttons->addWidget(import);
  buttons->addWidget(close);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(table_, 1);
  layout->addLayout(buttons);

  connectFilters();
  resize(900, 520);
  reload();
}

// Every filter change reloads; typing waits for a pause. The worker's answers come back queued.
void HistoryDialog::connectFilters() {
  auto* debounce = new QTimer(this);
  debounce->setSingleShot(true);
  debounce->setInterval(200);
  connect(debounce, &QTimer::timeout, this, &HistoryDialog::reload);
  connect(text_, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
  connect(assistant_, &QComboBox::currentIndexChanged, this, &HistoryDialog::reload);
  connect(useDates_, &QCheckBox::toggled, this, &HistoryDialog::reload);
  connect(from_, &QDateEdit::dateChanged, this, &HistoryDialog::reload);
  connect(to_, &QDateEdit::dateChanged, this, &HistoryDialog::reload);
  if (worker_) {
    connect(worker_, &SearchWorker::conversationsListed, this, &HistoryDialog::showConversations);
    connect(worker_, &SearchWorker::listFailed, this, &HistoryDialog::showListError);
  }
}

storage::ConversationFilter HistoryDialog::currentFilter() const {
  storage::ConversationFilter filter;
  filter.assistant = assistant_->currentData().toString().toStdString();
  filter.text = text_->text().trimmed().toStdString();
  filter.pinnedFirst = false;
  if (useDates_->isChecked()) {
    filter.updatedFrom = from_->date().startOfDay().toMSecsSinceEpoch();
    filter.updatedTo = to_->date().addDays(1).startOfDay().toMSecsSinceEpoch();
  }
  return filter;
}

void HistoryDialog::reload() {
  const quint64 id = ++request_;  // answers to earlier requests are now stale
  SearchWorker* worker = worker_.data();
  if (!worker) {
    showListError(id, tr("The history database is not open."));
    return;
  }
  setBusy(true);
  QMetaObject::invokeMethod(
      worker, [worker, id, filter = currentFilter()] { worker->listConversations(id, filter); },
      Qt::QueuedConnection);
}

void HistoryDialog::showConversations(quint64 requestId, const ConversationRows& rows) {
  if (requestId != request_) return;  // the filters have changed since
  setBusy(false);
  fillTable(rows);
  count_->setText(tr("%n conversation(s)", nullptr, static_cast<int>(rows.size())));
}

void HistoryDialog::showListError(quint64 requestId, const QString& error) {
  if (requestId != request_) return;
  setBusy(false);
  count_->setText(error);
}

void HistoryDialog::setBusy(bool busy) {
  busy_ = busy;
  busyBar_->setVisible(busy);
  // The old rows stay usable while the new ones are on their way.
  if (busy) count_->setText(tr("Searching…"));
}

void HistoryDialog::fillTable(const ConversationRows& rows) {
  table_->setSortingEnabled(false);
  table_->clear();
  const QLocale locale;
  for (const storage::Conversation& c : rows) {
    auto* item = new HistoryItem(table_);
    const QString assistant = QString::fromStdString(c.assistant);
    item->setText(0, c.title.empty() ? tr("New conversation") : QString::fromStdString(c.title));
    item->setIcon(1, assistants_.icon(assistant));
    item->setText(1, assistants_.name(assistant, language_));
    item->setData(2, Qt::DisplayRole, QVariant::fromValue<qint64>(c.messageCount));
    // Sort dates by value, show them in the locale's format.
    const QDateTime updated = QDateTime::fromMSecsSinceEpoch(c.updatedAt);
    const QDateTime created = QDateTime::fromMSecsSinceEpoch(c.createdAt);
    item->setText(3, locale.toString(updated, QLocale::ShortFormat));
    item->setData(3, Qt::UserRole, updated);
    item->setText(4, locale.toString(created, QLocale::ShortFormat));
    item->setData(4, Qt::UserRole, created);
    item->setData(0, kIdRole, QVariant::fromValue<qint64>(c.id));
  }
  table_->setSortingEnabled(true);
  table_->sortByColumn(3, Qt::DescendingOrder);
  for (int col = 1; col < table_->columnCount(); ++col) table_->resizeColumnToContents(col);
  updateButtons();
}

QList<qint64> HistoryDialog::selectedIds() const {
  QList<qint64> ids;
  for (QTreeWidgetItem* item : table_->selectedItems()) ids << item->data(0, kIdRole).toLongLong();
  return ids;
}

void HistoryDialog::updateButtons() {
  const int n = static_cast<int>(table_->selectedItems().size());
  open_->setEnabled(n == 1);
  continue_->setEnabled(n == 1);
  exportMd_->setEnabled(n > 0);
  exportJson_->setEnabled(n > 0);
}

}  // namespace mindllm::ui
