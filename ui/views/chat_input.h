#pragma once
// The message box: Enter sends, Shift+Enter (or Ctrl+Enter) starts a new line. It grows with its
// text up to a few lines, then scrolls.
#include <QPlainTextEdit>

namespace mindllm::ui {

class ChatInput : public QPlainTextEdit {
  Q_OBJECT
public:
  explicit ChatInput(QWidget* parent = nullptr);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

Q_SIGNALS:
  void submitted(const QString& text);

protected:
  void keyPressEvent(QKeyEvent* event) override;

private:
  int heightForLines(int lines) const;
};

}  // namespace mindllm::ui
