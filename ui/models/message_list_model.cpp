#include "ui/models/message_list_model.h"

namespace mindllm::ui {

MessageListModel::MessageListModel(storage::ChatStore& store, QObject* parent)
    : QAbstractListModel(parent), store_(store) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const storage::Message& m = rows_[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case ContentRole: return QString::fromStdString(m.content);
    case IdRole: return QVariant::fromValue<qint64>(m.id);
    case RoleRole: return QString::fromStdString(m.role);
    case StateRole: return static_cast<int>(m.state);
    case TokensRole: return QVariant::fromValue<qint64>(m.tokens);
    case TokensPerSecondRole: return m.tokensPerSecond;
    case CreatedAtRole: return QDateTime::fromMSecsSinceEpoch(m.createdAt);
    case ParentIdRole: return QVariant::fromValue<qint64>(m.parentId);
    case RegenerationRole: return m.regeneration;
    case ErrorTextRole: return QString::fromStdString(m.errorText);
    default: return {};
  }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
  return {{IdRole, "id"},         {RoleRole, "role"},         {ContentRole, "content"},
          {StateRole, "state"},   {TokensRole, "tokens"},     {TokensPerSecondRole, "tokensPerSecond"},
          {CreatedAtRole, "createdAt"}, {ParentIdRole, "parentId"}, {RegenerationRole, "regeneration"},
          {ErrorTextRole, "errorText"}};
}

void MessageListModel::load(qint64 conversationId) {
  beginResetModel();
  conversationId_ = conversationId;
  rows_ = conversationId ? store_.messages(conversationId) : std::vector<storage::Message>{};
  endResetModel();
}

int MessageListModel::rowOf(qint64 messageId) const {
  // Streaming touches the last rows: search from the end.
  for (int i = rowCount() - 1; i >= 0; --i)
    if (rows_[i].id == messageId) return i;
  return -1;
}

const storage::Message* MessageListModel::messageAt(int row) const {
  return row >= 0 && row < rowCount() ? &rows_[row] : nullptr;
}

void MessageListModel::appendMessage(const storage::Message& message) {
  if (message.conversationId != conversationId_) return;
  const int row = rowCount();
  beginInsertRows({}, row, row);
  rows_.push_back(message);
  endInsertRows();
}

void MessageListModel::appendText(qint64 messageId, const QString& piece) {
  const int row = rowOf(messageId);
  if (row < 0) return;
  rows_[row].content += piece.toStdString();
  emitRowChanged(row, {ContentRole, Qt::DisplayRole});
}

void MessageListModel::setFinished(qint64 messageId, storage::MessageState state,
                                   const storage::MessageStats& stats) {
  const int row = rowOf(messageId);
  if (row < 0) return;
  rows_[row].state = state;
  rows_[row].tokens = stats.tokens;
  rows_[row].tokensPerSecond = stats.tokensPerSecond;
  rows_[row].errorText = stats.errorText;
  emitRowChanged(row, {StateRole, TokensRole, TokensPerSecondRole, ErrorTextRole});
}

int MessageListModel::lastAssistantRow() const {
  const int last = rowCount() - 1;
  return last >= 0 && rows_[last].role == storage::kRoleAssistant ? last : -1;
}

void MessageListModel::emitRowChanged(int row, const QList<int>& roles) {
  const QModelIndex idx = index(row);
  Q_EMIT dataChanged(idx, idx, roles);
}

}  // namespace mindllm::ui
