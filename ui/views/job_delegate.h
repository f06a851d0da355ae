#pragma once
// Paints one job in the Jobs page's list: name and state, a thin progress bar, and a detail line
// (steps and time left, or the error in red).
#include <QStyledItemDelegate>

namespace mindllm::ui {

class JobDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  using QStyledItemDelegate::QStyledItemDelegate;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace mindllm::ui
