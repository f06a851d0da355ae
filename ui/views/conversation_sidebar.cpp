#include "ui/views/conversation_sidebar.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>
#include <exception>

#include "ui/assistant_catalog.h"
#include "ui/models/conversation_list_model.h"
#include "ui/views/conversation_delegate.h"
#include "ui/views/icons.h"

namespace mindllm::ui {

namespace {
enum SearchHitRoles { HitConversationRole = Qt::UserRole + 1, HitMessageRole };
enum DateFilter { AnyTime, Today, Last7Days, Last30Days };
}  // namespace

ConversationSidebar::ConversationSidebar(ConversationListModel* conversations, const AssistantCatalog& assistants,
                                         const QString& language, QWidget* parent)
    : QWidget(parent), conversations_(conversations), assistants_(assistants) {
  setObjectName(QStringLiteral("sidebar"));
  setAttribute(Qt::WA_StyledBackground);

  auto* newButton = new QPushButton(icons::get(QStringLiteral("new_chat")), tr("New conversation"), this);
  newButton->setObjectName(QStringLiteral("newConversationButton"));
  newButton->setCursor(Qt::PointingHandCursor);
  connect(newButton, &QPushButton::clicked, this, &ConversationSidebar::newConversationRequested);

  search_ = new QLineEdit(this);
  search_->setObjectName(QStringLiteral("searchBox"));
  search_->setPlaceholderText(tr("Search messages"));
  search_->setClearButtonEnabled(true);
  search_->addAction(icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);

  assistantFilter_ = new QComboBox(this);
  assistantFilter_->setObjectName(QStringLiteral("assistantFilter"));
  assistantFilter_->addItem(tr("All assistants"), QString());
  for (const QString& id : assistants_.ids())
    assistantFilter_->addItem(assistants_.icon(id), assistants_.name(id, language), id);
  dateFilter_ = new QComboBox(this);
  dateFilter_->setObjectName(QStringLiteral("dateFilter"));
  dateFilter_->addItem(tr("Any time"), AnyTime);
  dateFilter_->addItem(tr("Today"), Today);
  dateFilter_->addItem(tr("Last 7 days"), Last7Days);
  dateFilter_->addItem(tr("Last 30 days"), Last30Days);
  auto* filters = new QHBoxLayout;
  filters->setSpacing(6);
  filters->addWidget(assistantFilter_, 3);
  filters->addWidget(dateFilter_, 2);

  list_ = new QListView(this);
  list_->setObjectName(QStringLiteral("conversationList"));
  list_->setModel(conversations_);
  list_->setItemDelegate(new ConversationDelegate(assistants_, list_));
  list_->setFrameShape(QFrame::NoFrame);
  list_->setMouseTracking(true);
  list_->setUniformItemSizes(false);
  list_->setEditTriggers(QAbstractItemView::EditKeyPressed);  // F2 renames
  list_->setContextMenuPolicy(Qt::CustomContextMenu);
  list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  connect(list_, &QListView::customContextMenuRequested, this, &ConversationSidebar::showContextMenu);
  connect(list_, &QListView::clicked, this, [this](const QModelIndex& index) {
    const qint64 id = conversations_->idAt(index.row());
    if (id && id != current_) {
      current_ = id;
      Q_EMIT conversationActivated(id);
    }
  });
  connect(conversations_, &QAbstractItemModel::modelReset, this, &ConversationSidebar::reselectCurrent);

  emptyLabel_ = new QLabel(tr("No conversations yet.\nStart one with New conversation."), this);
  emptyLabel_->setObjectName(QStringLiteral("sidebarEmpty"));
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);

  resultModel_ = new QStandardItemModel(this);
  results_ = new QListView(this);
  results_->setObjectName(QStringLiteral("searchResults"));
  results_->setModel(resultModel_);
  results_->setItemDelegate(new SearchHitDelegate(results_));
  results_->setFrameShape(QFrame::NoFrame);
  results_->setMouseTracking(true);
  results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  results_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  connect(results_, &QListView::clicked, this, [this](const QModelIndex& index) {
    const qint64 conversation = index.data(HitConversationRole).toLongLong();
    const qint64 message = index.data(HitMessageRole).toLongLong();
    current_ = conversation;
    reselectCurrent();
    Q_EMIT searchHitActivated(conversation, message);
  });
  resultInfo_ = new QLabel(this);
  resultInfo_->setObjectName(QStringLiteral("searchInfo"));
  auto* resultPage = new QWidget(this);
  auto* resultLayout = new QVBoxLayout(resultPage);
  resultLayout->setContentsMargins(0, 0, 0, 0);
  resultLayout->addWidget(resultInfo_);
  resultLayout->addWidget(results_, 1);

  auto* listPage = new QWidget(this);
  auto* listLayout = new QVBoxLayout(listPage);
  listLayout->setContentsMargins(0, 0, 0, 0);
  listLayout->addWidget(list_, 1);
  listLayout->addWidget(emptyLabel_, 1);

  stack_ = new QStackedWidget(this);
  stack_->addWidget(listPage);
  stack_->addWidget(resultPage);

  // "Conversation deleted  [Undo]" for a few seconds after a delete.
  undoBar_ = new QWidget(this);
  undoBar_->setObjectName(QStringLiteral("undoBar"));
  undoBar_->setAttribute(Qt::WA_StyledBackground);
  undoLabel_ = new QLabel(undoBar_);
  undoLabel_->setWordWrap(true);
  auto* undoButton = new QPushButton(tr("Undo"), undoBar_);
  undoButton->setObjectName(QStringLiteral("undoButton"));
  connect(undoButton, &QPushButton::clicked, this, &ConversationSidebar::undoDelete);
  auto* undoLayout = new QHBoxLayout(undoBar_);
  undoLayout->setContentsMargins(10, 6, 6, 6);
  undoLayout->addWidget(undoLabel_, 1);
  undoLayout->addWidget(undoButton);
  undoBar_->hide();
  undoTimer_ = new QTimer(this);
  undoTimer_->setSingleShot(true);
  undoTimer_->setInterval(10000);
  connect(undoTimer_, &QTimer::timeout, undoBar_, &QWidget::hide);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 12, 10, 10);
  layout->setSpacing(8);
  layout->addWidget(newButton);
  layout->addWidget(search_);
  layout->addLayout(filters);
  layout->addWidget(stack_, 1);
  layout->addWidget(undoBar_);

  searchDebounce_ = new QTimer(this);
  searchDebounce_->setSingleShot(true);
  searchDebounce_->setInterval(250);
  connect(searchDebounce_, &QTimer::timeout, this, &ConversationSidebar::startSearch);
  connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
    if (text.trimmed().isEmpty()) {
      ++searchRequest_;  // drop results still on their way
      stack_->setCurrentIndex(0);
      searchDebounce_->stop();
    } else {
      searchDebounce_->start();
    }
  });
  connect(search_, &QLineEdit::returnPressed, this, &ConversationSidebar::startSearch);
  connect(assistantFilter_, &QComboBox::currentIndexChanged, this, [this] {
    applyFilters();
    if (!search_->text().trimmed().isEmpty()) startSearch();
  });
  connect(dateFilter_, &QComboBox::currentIndexChanged, this, &ConversationSidebar::applyFilters);
  reselectCurrent();
}

QString ConversationSidebar::filterAssistant() const { return assistantFilter_->currentData().toString(); }

void ConversationSidebar::applyFilters() {
  storage::ConversationFilter filter;
  filter.assistant = filterAssistant().toStdString();
  const QDate today = QDate::currentDate();
  QDate from;
  switch (dateFilter_->currentData().toInt()) {
    case Today: from = today; break;
    case Last7Days: from = today.addDays(-6); break;
    case Last30Days: from = today.addDays(-29); break;
    default: break;
  }
  if (from.isValid()) filter.updatedFrom = from.startOfDay().toMSecsSinceEpoch();
  try {
    conversations_->setFilter(filter);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

void ConversationSidebar::startSearch() {
  searchDebounce_->stop();
  const QString query = search_->text().trimmed();
  if (query.isEmpty()) return;
  resultInfo_->setText(tr("Searching…"));
  stack_->setCurrentIndex(1);
  Q_EMIT searchRequested(++searchRequest_, query, filterAssistant());
}

void ConversationSidebar::showSearchResults(quint64 requestId, const SearchHits& hits, double milliseconds) {
  if (requestId != searchRequest_) return;  // the query has changed since
  resultModel_->clear();
  for (const storage::SearchHit& hit : hits) {
    const QString title = hit.conversationTitle.empty() ? tr("New conversation")
                                                        : QString::fromStdString(hit.conversationTitle);
    const QString who = hit.role == storage::kRoleUser ? tr("You")
                                                       : assistants_.name(QString::fromStdString(hit.assistant),
                                                                          QLocale().name());
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(hit.createdAt), QLocale::ShortFormat);
    // The snippet is already HTML-escaped by the store, with the hits in <b>.
    const QString html = QStringLiteral("<div style='color:#1f2937'><b>%1</b></div>"
                                        "<div style='color:#8a94a6;font-size:small'>%2 · %3</div>"
                                        "<div style='color:#3c4a5c'>%4</div>")
                             .arg(title.toHtmlEscaped(), who.toHtmlEscaped(), when.toHtmlEscaped(),
                                  QString::fromStdString(hit.snippet));
    auto* item = new QStandardItem(html);
    item->setData(QVariant::fromValue<qint64>(hit.conversationId), HitConversationRole);
    item->setData(QVariant::fromValue<qint64>(hit.messageId), HitMessageRole);
    item->setToolTip(title);
    resultModel_->appendRow(item);
  }
  resultInfo_->setText(hits.empty() ? tr("No messages match.")
                                    : tr("%n result(s) in %1 ms", nullptr, static_cast<int>(hits.size()))
                                          .arg(milliseconds, 0, 'f', 0));
}

void ConversationSidebar::showSearchError(quint64 requestId, const QString& error) {
  if (requestId != 0 && requestId != searchRequest_) return;
  resultModel_->clear();
  resultInfo_->setText(tr("Search failed: %1").arg(error));
}

void ConversationSidebar::setCurrentConversation(qint64 id) {
  current_ = id;
  reselectCurrent();
}

void ConversationSidebar::reselectCurrent() {
  const int row = conversations_->rowOf(current_);
  if (row >= 0) {
    list_->setCurrentIndex(conversations_->index(row));
  } else {
    list_->clearSelection();
    list_->setCurrentIndex({});
  }
  const bool empty = conversations_->rowCount() == 0;
  list_->setVisible(!empty);
  emptyLabel_->setVisible(empty);
  emptyLabel_->setText(conversations_->filter().assistant.empty() && conversations_->filter().updatedFrom == 0
                           ? tr("No conversations yet.\nStart one with New conversation.")
                           : tr("No conversations match the filters."));
}

void ConversationSidebar::showContextMenu(const QPoint& pos) {
  const QModelIndex index = list_->indexAt(pos);
  if (!index.isValid()) return;
  const qint64 id = conversations_->idAt(index.row());
  const bool pinned = index.data(ConversationListModel::PinnedRole).toBool();
  QMenu menu(this);
  menu.addAction(icons::get(QStringLiteral("edit")), tr("Rename"), this, [this, id] { renameConversation(id); });
  menu.addAction(icons::get(QStringLiteral("pin")), pinned ? tr("Unpin") : tr("Pin to top"), this, [this, id, pinned] {
    try {
      conversations_->setPinned(id, !pinned);
    } catch (const std::exception& e) {
      Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    }
  });
  menu.addSeparator();
  menu.addAction(icons::get(QStringLiteral("export")), tr("Export as Markdown…"), this,
                 [this, id] { Q_EMIT exportRequested({id}, QStringLiteral("markdown")); });
  menu.addAction(icons::get(QStringLiteral("export")), tr("Export as JSON…"), this,
                 [this, id] { Q_EMIT exportRequested({id}, QStringLiteral("json")); });
  menu.addSeparator();
  menu.addAction(icons::get(QStringLiteral("delete")), tr("Delete"), this, [this, id] { deleteConversation(id); });
  menu.exec(list_->viewport()->mapToGlobal(pos));
}

void ConversationSidebar::renameConversation(qint64 id) {
  const int row = conversations_->rowOf(id);
  if (row < 0) return;
  list_->edit(conversations_->index(row));
}

void ConversationSidebar::deleteConversation(qint64 id) {
  Q_EMIT deleteRequested(id);
  try {
    const int row = conversations_->rowOf(id);
    const QString title = row >= 0 ? conversations_->index(row).data().toString() : QString();
    conversations_->remove(id);
    lastDeleted_ = id;
    undoLabel_->setText(tr("Deleted “%1”").arg(QFontMetrics(font()).elidedText(title, Qt::ElideRight, 150)));
    undoBar_->show();
    undoTimer_->start();
    if (id == current_) {
      current_ = 0;
      Q_EMIT conversationActivated(0);
    }
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

void ConversationSidebar::undoDelete() {
  if (!lastDeleted_) return;
  try {
    conversations_->restore(lastDeleted_);
    current_ = lastDeleted_;
    lastDeleted_ = 0;
    undoBar_->hide();
    reselectCurrent();
    Q_EMIT conversationActivated(current_);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

}  // namespace mindllm::ui
