#include "ui/views/page_switcher.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QShortcut>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace mindllm::ui {

PageSwitcher::PageSwitcher(QWidget* parent) : QWidget(parent) {
  rail_ = new QWidget(this);
  rail_->setObjectName(QStringLiteral("navigationRail"));
  railLayout_ = new QVBoxLayout(rail_);
  railLayout_->setContentsMargins(4, 8, 4, 8);
  railLayout_->setSpacing(4);
  railLayout_->addStretch();
  buttons_ = new QButtonGroup(this);
  buttons_->setExclusive(true);
  stack_ = new QStackedWidget(this);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(rail_);
  layout->addWidget(stack_, 1);
  connect(buttons_, &QButtonGroup::idClicked, this, [this](int index) { showPage(ids_.value(index)); });
}

void PageSwitcher::addPage(const QString& id, const QIcon& icon, const QString& label, QWidget* page) {
  const int index = static_cast<int>(ids_.size());
  ids_ << id;
  auto* b = new QToolButton(rail_);
  b->setObjectName(QStringLiteral("navButton"));
  b->setProperty("page", id);
  b->setIcon(icon);
  b->setIconSize(QSize(22, 22));
  b->setText(label);
  b->setToolTip(tr("%1 (Ctrl+%2)").arg(label).arg(index + 1));
  b->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
  b->setCheckable(true);
  b->setMinimumWidth(64);
  buttons_->addButton(b, index);
  railLayout_->insertWidget(index, b);
  stack_->addWidget(page);
  if (index < 9) {
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)), this);
    connect(shortcut, &QShortcut::activated, this, [this, id] { showPage(id); });
  }
  if (index == 0) b->setChecked(true);
}

void PageSwitcher::showPage(const QString& id) {
  const int index = static_cast<int>(ids_.indexOf(id));
  if (index < 0) return;
  buttons_->button(index)->setChecked(true);
  if (stack_->currentIndex() == index) return;
  stack_->setCurrentIndex(index);
  Q_EMIT pageChanged(id);
}

QString PageSwitcher::currentPage() const { return ids_.value(stack_->currentIndex()); }

QWidget* PageSwitcher::page(const QString& id) const {
  const int index = static_cast<int>(ids_.indexOf(id));
  return index < 0 ? nullptr : stack_->widget(index);
}

QToolButton* PageSwitcher::button(const QString& id) const {
  const int index = static_cast<int>(ids_.indexOf(id));
  return index < 0 ? nullptr : qobject_cast<QToolButton*>(buttons_->button(index));
}

}  // namespace mindllm::ui
