#pragma once
// The messages of one conversation, as the chat pane shows them. Rows mirror ChatStore; streamed
// text is appended to the last row as it arrives (ChatSession writes it to the store as well).
#include <QAbstractListModel>
#include <QDateTime>
#include <vector>

#include "core/storage/chat_store.h"

namespace mindllm::ui {

class MessageListModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum Roles {
    IdRole = Qt::UserRole + 1,
    RoleRole,            // "user" | "assistant" | "system"
    ContentRole,
    StateRole,           // storage::MessageState as int
    TokensRole,
    TokensPerSecondRole,
    CreatedAtRole,       // QDateTime (local)
    ParentIdRole,
    RegenerationRole,
    ErrorTextRole,
  };

  explicit MessageListModel(storage::ChatStore& store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Shows conversation `id` (0 = none) read from the store.
  void load(qint64 conversationId);
  void reload() { load(conversationId_); }
  qint64 conversationId() const { return conversationId_; }

  int rowOf(qint64 messageId) const;  // -1 when not shown
  const storage::Message* messageAt(int row) const;
  const std::vector<storage::Message>& messages() const { return rows_; }

  // Mirrors of store changes made by ChatSession (they do not write to the store).
  void appendMessage(const storage::Message& message);
  void appendText(qint64 messageId, const QString& piece);
  void setFinished(qint64 messageId, storage::MessageState state, const storage::MessageStats& stats);

  // The last assistant answer can be regenerated; -1 when there is none.
  int lastAssistantRow() const;

private:
  void emitRowChanged(int row, const QList<int>& roles);

  storage::ChatStore& store_;
  qint64 conversationId_ = 0;
  std::vector<storage::Message> rows_;
};

}  // namespace mindllm::ui
