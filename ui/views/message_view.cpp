#include "ui/views/message_view.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/views/message_widget.h"

namespace mindllm::ui {

MessageView::MessageView(QWidget* parent) : QScrollArea(parent) {
  setObjectName(QStringLiteral("messageView"));
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  content_ = new QWidget;
  content_->setObjectName(QStringLiteral("messageColumn"));
  column_ = new QVBoxLayout(content_);
  column_->setContentsMargins(24, 12, 24, 12);
  column_->setSpacing(6);

  // Welcome panel for an empty conversation.
  welcome_ = new QWidget(content_);
  welcome_->setObjectName(QStringLiteral("welcome"));
  welcomeIcon_ = new QLabel(welcome_);
  welcomeIcon_->setAlignment(Qt::AlignCenter);
  welcomeTitle_ = new QLabel(welcome_);
  welcomeTitle_->setObjectName(QStringLiteral("welcomeTitle"));
  welcomeTitle_->setAlignment(Qt::AlignCenter);
  welcomeText_ = new QLabel(welcome_);
  welcomeText_->setObjectName(QStringLiteral("welcomeText"));
  welcomeText_->setAlignment(Qt::AlignCenter);
  welcomeText_->setWordWrap(true);
  startersLayout_ = new QVBoxLayout;
  startersLayout_->setSpacing(8);
  auto* w = new QVBoxLayout(welcome_);
  w->addStretch(2);
  w->addWidget(welcomeIcon_);
  w->addWidget(welcomeTitle_);
  w->addWidget(welcomeText_);
  w->addSpacing(16);
  w->addLayout(startersLayout_);
  w->addStretch(3);

  column_->addWidget(welcome_, 10);
  column_->addStretch(1);  // messages sit at the top; the stretch stays last
  setWidget(content_);

  // Follow the stream only while the user is at the bottom.
  connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { followBottom_ = isAtBottom(); });
  connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
    if (followBottom_) verticalScrollBar()->setValue(max);
  });
}

void MessageView::setModel(MessageListModel* model) {
  if (model_) model_->disconnect(this);
  model_ = model;
  if (model_) {
    connect(model_, &QAbstractItemModel::modelReset, this, &MessageView::rebuild);
    connect(model_, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { insertRows(first, last); });
    connect(model_, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex&, int first, int last) { removeRows(first, last); });
    connect(model_, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& a, const QModelIndex& b) { updateRows(a.row(), b.row()); });
  }
  rebuild();
}

void MessageView::setAssistant(const QString& name, const QIcon& icon, const QString& description,
                               const QStringList& starterPrompts) {
  assistantName_ = name;
  assistantIcon_ = icon;
  welcomeIcon_->setPixmap(icon.pixmap(48, 48));
  welcomeTitle_->setText(name);
  welcomeText_->setText(description);
  while (QLayoutItem* item = startersLayout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  for (const QString& prompt : starterPrompts) {
    auto* b = new QPushButton(prompt, welcome_);
    b->setObjectName(QStringLiteral("starterPrompt"));
    b->setCursor(Qt::PointingHandCursor);
    connect(b, &QPushButton::clicked, this, [this, prompt] { Q_EMIT starterPromptChosen(prompt); });
    startersLayout_->addWidget(b, 0, Qt::AlignHCenter);
  }
  if (model_) updateRows(0, model_->rowCount() - 1);
}

void MessageView::setReadOnly(bool readOnly) {
  readOnly_ = readOnly;
  updateActions();
  updateWelcome();
}

void MessageView::setGenerating(bool generating) {
  generating_ = generating;
  updateActions();
}

MessageWidget* MessageView::widgetForMessage(qint64 messageId) const {
  for (MessageWidget* w : widgets_)
    if (w->messageId() == messageId) return w;
  return nullptr;
}

bool MessageView::scrollToMessage(qint64 messageId) {
  MessageWidget* w = widgetForMessage(messageId);
  if (!w) return false;
  followBottom_ = false;
  // Layouts settle after the event loop runs; scroll then.
  QTimer::singleShot(0, this, [this, w = QPointer<MessageWidget>(w)] {
    if (!w) return;
    ensureWidgetVisible(w, 0, 40);
    verticalScrollBar()->setValue(w->y() - 12);
    w->flash();
  });
  return true;
}

bool MessageView::isAtBottom() const {
  const QScrollBar* bar = verticalScrollBar();
  return bar->value() >= bar->maximum() - 8;
}

MessageWidget* MessageView::makeWidget() {
  auto* w = new MessageWidget(content_);
  connect(w, &MessageWidget::regenerateRequested, this, &MessageView::regenerateRequested);
  connect(w, &MessageWidget::editSubmitted, this, &MessageView::editSubmitted);
  connect(w, &MessageWidget::copied, this, &MessageView::copied);
  return w;
}

void MessageView::rebuild() {
  for (MessageWidget* w : widgets_) w->deleteLater();
  widgets_.clear();
  followBottom_ = true;
  if (model_ && model_->rowCount() > 0) insertRows(0, model_->rowCount() - 1);
  updateWelcome();
  scrollToBottomSoon();
}

void MessageView::insertRows(int first, int last) {
  for (int row = first; row <= last; ++row) {
    MessageWidget* w = makeWidget();
    widgets_.insert(widgets_.begin() + row, w);
    column_->insertWidget(row + 1, w);  // +1: the welcome panel is first
    w->setMessage(*model_->messageAt(row), assistantName_, assistantIcon_);
  }
  updateActions();
  updateWelcome();
  if (followBottom_) scrollToBottomSoon();
}

void MessageView::removeRows(int first, int last) {
  for (int row = last; row >= first; --row) {
    widgets_[row]->deleteLater();
    widgets_.erase(widgets_.begin() + row);
  }
  updateActions();
  updateWelcome();
}

void MessageView::updateRows(int first, int last) {
  for (int row = std::max(first, 0); row <= last && row < static_cast<int>(widgets_.size()); ++row)
    widgets_[row]->setMessage(*model_->messageAt(row), assistantName_, assistantIcon_);
}

void MessageView::updateActions() {
  const int lastAssistant = model_ ? model_->lastAssistantRow() : -1;
  const bool interactive = !readOnly_ && !generating_;
  for (size_t i = 0; i < widgets_.size(); ++i) {
    widgets_[i]->setCanEdit(interactive);
    widgets_[i]->setCanRegenerate(interactive && static_cast<int>(i) == lastAssistant);
  }
}

void MessageView::updateWelcome() { welcome_->setVisible(widgets_.empty()); }

void MessageView::scrollToBottomSoon() {
  QTimer::singleShot(0, this, [this] { verticalScrollBar()->setValue(verticalScrollBar()->maximum()); });
}

}  // namespace mindllm::ui
