#include "ui/models/conversation_list_model.h"

#include <QLocale>

namespace mindllm::ui {

ConversationListModel::ConversationListModel(storage::ChatStore& store, QObject* parent)
    : QAbstractListModel(parent), store_(store), now_([] { return QDateTime::currentDateTime(); }) {
  refresh();
}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const storage::Conversation& c = rows_[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case TitleRole:
      return c.title.empty() ? tr("New conversation") : QString::fromStdString(c.title);
    case Qt::ToolTipRole:
      return QString::fromStdString(c.title);
    case IdRole: return QVariant::fromValue<qint64>(c.id);
    case AssistantRole: return QString::fromStdString(c.assistant);
    case UpdatedAtRole: return QDateTime::fromMSecsSinceEpoch(c.updatedAt);
    case PinnedRole: return c.pinned;
    case SectionRole: return sections_[index.row()];
    case MessageCountRole: return QVariant::fromValue<qint64>(c.messageCount);
    case FirstInSectionRole: return index.row() == 0 || sections_[index.row() - 1] != sections_[index.row()];
    default: return {};
  }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
  return {{IdRole, "id"},           {TitleRole, "title"},   {AssistantRole, "assistant"},
          {UpdatedAtRole, "updatedAt"}, {PinnedRole, "pinned"}, {SectionRole, "section"},
          {MessageCountRole, "messageCount"}};
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex& index) const {
  return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

bool ConversationListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole) return false;
  const QString title = value.toString().trimmed();
  if (title.isEmpty()) return false;
  rename(idAt(index.row()), title);
  return true;
}

void ConversationListModel::refresh() {
  beginResetModel();
  rows_ = store_.listConversations(filter_);
  sections_.clear();
  const QDateTime now = now_();
  for (const auto& c : rows_)
    sections_.push_back(sectionFor(c.pinned, QDateTime::fromMSecsSinceEpoch(c.updatedAt), now));
  endResetModel();
}

void ConversationListModel::setFilter(const storage::ConversationFilter& filter) {
  filter_ = filter;
  refresh();
}

int ConversationListModel::rowOf(qint64 conversationId) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].id == conversationId) return static_cast<int>(i);
  return -1;
}

qint64 ConversationListModel::idAt(int row) const {
  return row >= 0 && row < rowCount() ? rows_[row].id : 0;
}

const storage::Conversation* ConversationListModel::conversationAt(int row) const {
  return row >= 0 && row < rowCount() ? &rows_[row] : nullptr;
}

qint64 ConversationListModel::createConversation(const QString& assistant, const QString& title) {
  storage::Conversation draft;
  draft.assistant = assistant.toStdString();
  draft.title = title.toStdString();
  const qint64 id = store_.createConversation(draft).id;
  refresh();
  return id;
}

void ConversationListModel::rename(qint64 id, const QString& title) {
  store_.renameConversation(id, title.trimmed().toStdString());
  refresh();
}

void ConversationListModel::setPinned(qint64 id, bool pinned) {
  store_.setPinned(id, pinned);
  refresh();
}

void ConversationListModel::remove(qint64 id) {
  const auto c = store_.conversation(id);
  store_.deleteConversation(id);
  refresh();
  Q_EMIT conversationRemoved(id, c ? QString::fromStdString(c->title) : QString());
}

void ConversationListModel::restore(qint64 id) {
  store_.restoreConversation(id);
  refresh();
}

QString ConversationListModel::sectionFor(bool pinned, const QDateTime& updated, const QDateTime& now) {
  if (pinned) return tr("Pinned");
  const qint64 days = updated.date().daysTo(now.date());
  if (days <= 0) return tr("Today");
  if (days == 1) return tr("Yesterday");
  if (days < 7) return tr("Previous 7 days");
  if (days < 30) return tr("Previous 30 days");
  // Older: one section per month, in the UI language ("May 2024", "2024年5月").
  return QLocale().toString(updated.date(), tr("MMMM yyyy", "month section format"));
}

void ConversationListModel::setNowFunction(std::function<QDateTime()> now) {
  now_ = std::move(now);
  refresh();
}

}  // namespace mindllm::ui
