#pragma once
// The sidebar's list of conversations over ChatStore: pinned first, then newest first, each row
// tagged with a day section ("Pinned", "Today", "Yesterday", "Previous 7 days", ...) that the
// delegate draws as a header above the first row of each section. Filters by assistant, date and
// text go straight to ChatStore::listConversations.
#include <QAbstractListModel>
#include <QDateTime>
#include <functional>
#include <vector>

#include "core/storage/chat_store.h"

namespace mindllm::ui {

class ConversationListModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum Roles {
    IdRole = Qt::UserRole + 1,
    TitleRole,
    AssistantRole,
    UpdatedAtRole,    // QDateTime (local)
    PinnedRole,
    SectionRole,      // translated section label
    MessageCountRole,
    FirstInSectionRole,
  };

  explicit ConversationListModel(storage::ChatStore& store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;  // rename

  // Re-reads the list from the store (after any change made elsewhere).
  void refresh();
  void setFilter(const storage::ConversationFilter& filter);
  const storage::ConversationFilter& filter() const { return filter_; }

  int rowOf(qint64 conversationId) const;  // -1 when not listed
  qint64 idAt(int row) const;
  const storage::Conversation* conversationAt(int row) const;

  // Changes through the store; each refreshes the list and throws mindllm::Error on failure.
  qint64 createConversation(const QString& assistant, const QString& title = {});
  void rename(qint64 id, const QString& title);
  void setPinned(qint64 id, bool pinned);
  void remove(qint64 id);    // soft delete: undo with restore()
  void restore(qint64 id);

  // The section label for a conversation updated at `updated`, seen at `now` (both local time).
  static QString sectionFor(bool pinned, const QDateTime& updated, const QDateTime& now);
  // Tests fix the clock; the default is QDateTime::currentDateTime.
  void setNowFunction(std::function<QDateTime()> now);

Q_SIGNALS:
  void conversationRemoved(qint64 id, const QString& title);

private:
  storage::ChatStore& store_;
  storage::ConversationFilter filter_;
  std::vector<storage::Conversation> rows_;
  std::vector<QString> sections_;
  std::function<QDateTime()> now_;
};

}  // namespace mindllm::ui
