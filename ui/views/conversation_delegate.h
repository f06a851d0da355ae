#pragma once
// Paints a sidebar row: assistant icon, title, time; and, above the first row of each day
// section ("Today", "Yesterday", ...), the section's header. Also paints search results, whose
// display text is HTML (a title line and a snippet with the hits in bold).
#include <QStyledItemDelegate>

namespace mindllm::ui {

class AssistantCatalog;

class ConversationDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  ConversationDelegate(const AssistantCatalog& assistants, QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  // Rename edits only the title area, under the header.
  void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const override;

  static constexpr int kRowHeight = 40;
  static constexpr int kHeaderHeight = 28;

private:
  const AssistantCatalog& assistants_;
};

class SearchHitDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace mindllm::ui
