#include "ui/views/chat_input.h"

#include <QKeyEvent>
#include <QTextBlock>
#include <algorithm>

namespace mindllm::ui {

namespace {
constexpr int kMaxVisibleLines = 8;
}

ChatInput::ChatInput(QWidget* parent) : QPlainTextEdit(parent) {
  setObjectName(QStringLiteral("chatInput"));
  setTabChangesFocus(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  connect(document(), &QTextDocument::contentsChanged, this, [this] { updateGeometry(); });
}

int ChatInput::heightForLines(int lines) const {
  const int lineHeight = fontMetrics().lineSpacing();
  const QMargins m = contentsMargins();
  return lines * lineHeight + static_cast<int>(2 * document()->documentMargin()) + m.top() + m.bottom() + 4;
}

QSize ChatInput::sizeHint() const {
  // Wrapped lines count too: the layout knows how many visual lines each block has.
  int lines = 0;
  for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
    lines += std::max(1, b.layout() ? b.layout()->lineCount() : 1);
  return {QPlainTextEdit::sizeHint().width(), heightForLines(std::clamp(lines, 2, kMaxVisibleLines))};
}

QSize ChatInput::minimumSizeHint() const { return {100, heightForLines(2)}; }

void ChatInput::keyPressEvent(QKeyEvent* event) {
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (enter && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier))) {
    const QString text = toPlainText();
    if (!text.trimmed().isEmpty()) Q_EMIT submitted(text);
    event->accept();
    return;
  }
  if (enter) {  // Shift+Enter / Ctrl+Enter: a new line
    insertPlainText(QStringLiteral("\n"));
    event->accept();
    return;
  }
  QPlainTextEdit::keyPressEvent(event);
}

}  // namespace mindllm::ui
