#include "ui/views/message_widget.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/views/icons.h"

namespace mindllm::ui {

namespace {
constexpr int kRenderIntervalMs = 40;

QToolButton* actionButton(const QString& icon, const QString& tip, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setIcon(icons::get(icon));
  b->setIconSize({16, 16});
  b->setToolTip(tip);
  b->setAccessibleName(tip);
  b->setAutoRaise(true);
  b->setCursor(Qt::PointingHandCursor);
  return b;
}
}  // namespace

MessageWidget::MessageWidget(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("message"));
  setAttribute(Qt::WA_StyledBackground);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

  avatar_ = new QLabel(this);
  avatar_->setFixedSize(28, 28);
  avatar_->setObjectName(QStringLiteral("avatar"));
  avatar_->setAlignment(Qt::AlignCenter);
  speaker_ = new QLabel(this);
  speaker_->setObjectName(QStringLiteral("speaker"));
  time_ = new QLabel(this);
  time_->setObjectName(QStringLiteral("messageTime"));

  copyButton_ = actionButton(QStringLiteral("copy"), tr("Copy"), this);
  editButton_ = actionButton(QStringLiteral("edit"), tr("Edit and resend"), this);
  regenerateButton_ = actionButton(QStringLiteral("regenerate"), tr("Regenerate"), this);
  connect(copyButton_, &QToolButton::clicked, this, [this] {
    QApplication::clipboard()->setText(QString::fromStdString(message_.content));
    Q_EMIT copied();
  });
  connect(editButton_, &QToolButton::clicked, this, &MessageWidget::startEdit);
  connect(regenerateButton_, &QToolButton::clicked, this, &MessageWidget::regenerateRequested);

  auto* header = new QHBoxLayout;
  header->setSpacing(8);
  header->addWidget(avatar_);
  header->addWidget(speaker_);
  header->addWidget(time_);
  header->addStretch();
  header->addWidget(copyButton_);
  header->addWidget(editButton_);
  header->addWidget(regenerateButton_);

  body_ = new QTextBrowser(this);
  body_->setObjectName(QStringLiteral("messageBody"));
  body_->setFrameShape(QFrame::NoFrame);
  body_->setOpenExternalLinks(true);
  body_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  body_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  body_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  body_->setTextInteractionFlags(Qt::TextBrowserInteraction);
  body_->viewport()->setAutoFillBackground(false);
  body_->setAttribute(Qt::WA_TranslucentBackground);
  body_->setStyleSheet(QStringLiteral("background: transparent;"));
  connect(body_->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
          [this] { updateBodyHeight(); });

  // Edit-and-resend happens in place.
  editPage_ = new QWidget(this);
  auto* editPage = editPage_;
  editor_ = new QPlainTextEdit(editPage);
  editor_->setObjectName(QStringLiteral("messageEditor"));
  editor_->setMinimumHeight(80);
  auto* send = new QPushButton(tr("Save && send"), editPage);
  send->setObjectName(QStringLiteral("primaryButton"));
  auto* cancel = new QPushButton(tr("Cancel"), editPage);
  connect(send, &QPushButton::clicked, this, [this] {
    const QString text = editor_->toPlainText().trimmed();
    if (text.isEmpty()) return;
    setEditing(false);
    Q_EMIT editSubmitted(message_.id, text);
  });
  connect(cancel, &QPushButton::clicked, this, [this] { setEditing(false); });
  auto* editButtons = new QHBoxLayout;
  editButtons->addStretch();
  editButtons->addWidget(cancel);
  editButtons->addWidget(send);
  auto* editLayout = new QVBoxLayout(editPage);
  editLayout->setContentsMargins(0, 0, 0, 0);
  editLayout->addWidget(editor_);
  editLayout->addLayout(editButtons);

  editPage_->hide();

  footer_ = new QLabel(this);
  footer_->setObjectName(QStringLiteral("messageFooter"));
  footer_->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(16, 10, 16, 10);
  layout->setSpacing(4);
  layout->addLayout(header);
  auto* bodyRow = new QHBoxLayout;
  bodyRow->setContentsMargins(36, 0, 0, 0);  // align text with the speaker name
  auto* bodyColumn = new QVBoxLayout;
  bodyColumn->addWidget(body_);
  bodyColumn->addWidget(editPage_);
  bodyColumn->addWidget(footer_);
  bodyRow->addLayout(bodyColumn);
  layout->addLayout(bodyRow);

  renderTimer_.setSingleShot(true);
  renderTimer_.setInterval(kRenderIntervalMs);
  connect(&renderTimer_, &QTimer::timeout, this, &MessageWidget::render);
}

void MessageWidget::setMessage(const storage::Message& message, const QString& speaker, const QIcon& speakerIcon) {
  const bool textChanged = message.content != message_.content || message.id != message_.id || !hasRendered_;
  const bool wasStreaming = message_.state == storage::MessageState::Streaming;
  message_ = message;
  const bool isUser = message.role == storage::kRoleUser;
  setProperty("role", QString::fromStdString(message.role));
  style()->unpolish(this);
  style()->polish(this);
  speaker_->setText(isUser ? tr("You") : speaker);
  avatar_->setPixmap((isUser ? icons::get(QStringLiteral("user")) : speakerIcon).pixmap(20, 20));
  const QDateTime created = QDateTime::fromMSecsSinceEpoch(message.createdAt);
  time_->setText(created.date() == QDate::currentDate() ? QLocale().toString(created.time(), QLocale::ShortFormat)
                                                        : QLocale().toString(created, QLocale::ShortFormat));
  editButton_->setVisible(isUser && canEdit_);
  regenerateButton_->setVisible(!isUser && canRegenerate_);
  copyButton_->setEnabled(!message.content.empty());
  updateFooter();
  // Render at once when the answer is done (the final text must not wait for the timer).
  const bool streaming = message.state == storage::MessageState::Streaming;
  if (textChanged || wasStreaming != streaming) {
    if (streaming && hasRendered_)
      renderTimer_.start();
    else
      render();
  }
}

void MessageWidget::setCanRegenerate(bool can) {
  canRegenerate_ = can;
  regenerateButton_->setVisible(message_.role != storage::kRoleUser && can);
}

void MessageWidget::setCanEdit(bool can) {
  canEdit_ = can;
  editButton_->setVisible(message_.role == storage::kRoleUser && can);
}

QString MessageWidget::renderedText() const { return body_->document()->toPlainText(); }

void MessageWidget::renderNow() {
  if (renderTimer_.isActive()) {
    renderTimer_.stop();
    render();
  }
}

bool MessageWidget::isEditing() const { return !editPage_->isHidden(); }

void MessageWidget::setEditing(bool editing) {
  editPage_->setVisible(editing);
  body_->setVisible(!editing);
}

void MessageWidget::flash() {
  setProperty("flash", true);
  style()->unpolish(this);
  style()->polish(this);
  QTimer::singleShot(1600, this, [this] {
    setProperty("flash", false);
    style()->unpolish(this);
    style()->polish(this);
  });
}

void MessageWidget::render() {
  hasRendered_ = true;
  const QString content = QString::fromStdString(message_.content);
  if (content == renderedContent_ && !body_->document()->isEmpty()) return;
  renderedContent_ = content;
  const int scroll = body_->verticalScrollBar()->value();
  if (message_.role == storage::kRoleUser) {
    body_->setPlainText(content);  // what the user typed, exactly
  } else if (content.isEmpty() && message_.state == storage::MessageState::Streaming) {
    body_->setHtml(QStringLiteral("<i style='color:#7a8699'>%1</i>").arg(tr("Thinking…").toHtmlEscaped()));
  } else {
    body_->setMarkdown(content);
    styleMarkdownDocument();
  }
  body_->verticalScrollBar()->setValue(scroll);
  updateBodyHeight();
}

// Qt's Markdown importer leaves tables without borders and code blocks without a background.
void MessageWidget::styleMarkdownDocument() {
  QTextDocument* doc = body_->document();
  QTextCursor cursor(doc);
  for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
    QTextBlockFormat f = block.blockFormat();
    if (f.hasProperty(QTextFormat::BlockCodeFence) || f.nonBreakableLines()) {
      f.setBackground(QColor(0xf1, 0xf3, 0xf6));
      f.setLeftMargin(6);
      f.setRightMargin(6);
      cursor.setPosition(block.position());
      cursor.setBlockFormat(f);
    }
  }
  for (QTextFrame* frame : doc->rootFrame()->childFrames()) {
    if (auto* table = qobject_cast<QTextTable*>(frame)) {
      QTextTableFormat tf = table->format();
      tf.setBorder(1);
      tf.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
      tf.setBorderBrush(QColor(0xd5, 0xdb, 0xe3));
      tf.setBorderCollapse(true);
      tf.setCellPadding(5);
      tf.setCellSpacing(0);
      table->setFormat(tf);
      for (int c = 0; c < table->columns(); ++c) {  // header row shaded
        QTextTableCell cell = table->cellAt(0, c);
        QTextCharFormat cf = cell.format();
        cf.setBackground(QColor(0xf1, 0xf3, 0xf6));
        cell.setFormat(cf);
      }
    }
  }
}

void MessageWidget::updateBodyHeight() {
  QTextDocument* doc = body_->document();
  doc->setTextWidth(body_->viewport()->width());
  const int h = static_cast<int>(std::ceil(doc->size().height())) + body_->frameWidth() * 2 + 2;
  if (body_->height() != h) body_->setFixedHeight(h);
}

void MessageWidget::resizeEvent(QResizeEvent* event) {
  QFrame::resizeEvent(event);
  updateBodyHeight();
}

void MessageWidget::updateFooter() {
  QStringList parts;
  switch (message_.state) {
    case storage::MessageState::Streaming: break;
    case storage::MessageState::Stopped: parts << tr("Stopped"); break;
    case storage::MessageState::Error:
      parts << tr("Error: %1").arg(QString::fromStdString(message_.errorText));
      break;
    case storage::MessageState::Complete: break;
  }
  if (message_.role == storage::kRoleAssistant && message_.state != storage::MessageState::Streaming &&
      message_.tokens > 0) {
    parts << tr("%n token(s)", nullptr, static_cast<int>(message_.tokens));
    if (message_.tokensPerSecond > 0) parts << tr("%1 tokens/s").arg(message_.tokensPerSecond, 0, 'f', 1);
  }
  if (message_.regeneration > 0) parts << tr("regenerated");
  footer_->setText(parts.join(QStringLiteral(" · ")));
  footer_->setProperty("error", message_.state == storage::MessageState::Error);
  footer_->setVisible(!parts.isEmpty());
}

void MessageWidget::startEdit() {
  editor_->setPlainText(QString::fromStdString(message_.content));
  setEditing(true);
  editor_->setFocus();
  editor_->moveCursor(QTextCursor::End);
}

}  // namespace mindllm::ui
