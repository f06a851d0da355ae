#pragma once
// One message in the chat pane: who wrote it, the text (assistant answers rendered as Markdown:
// tables, lists, code), and its actions: Copy; Edit-and-resend for the user's messages;
// Regenerate for the last answer. Streamed text is re-rendered at most every few tens of ms.
#include <QFrame>
#include <QTimer>

#include "core/storage/chat_records.h"

class QLabel;
class QTextBrowser;
class QToolButton;
class QPlainTextEdit;
class QPushButton;

namespace mindllm::ui {

class MessageWidget : public QFrame {
  Q_OBJECT
public:
  explicit MessageWidget(QWidget* parent = nullptr);

  // `speaker`: the name shown for the assistant ("Legal assistant"); the user is "You".
  void setMessage(const storage::Message& message, const QString& speaker, const QIcon& speakerIcon);
  void setCanRegenerate(bool can);
  void setCanEdit(bool can);

  qint64 messageId() const { return message_.id; }
  const storage::Message& message() const { return message_; }
  QString renderedText() const;   // the text as shown (Markdown rendered), for tests
  void renderNow();               // skip the streaming throttle
  void flash();                   // highlight briefly (a search jump landed here)
  bool isEditing() const;

Q_SIGNALS:
  void regenerateRequested();
  void editSubmitted(qint64 messageId, const QString& text);
  void copied();

protected:
  void resizeEvent(QResizeEvent* event) override;

private:
  void render();
  void updateBodyHeight();
  void updateFooter();
  void startEdit();
  void setEditing(bool editing);
  void styleMarkdownDocument();

  storage::Message message_;
  QString renderedContent_;
  bool hasRendered_ = false;
  bool canRegenerate_ = false;
  bool canEdit_ = false;
  QTimer renderTimer_;

  QLabel* avatar_ = nullptr;
  QLabel* speaker_ = nullptr;
  QLabel* time_ = nullptr;
  QWidget* editPage_ = nullptr;
  QTextBrowser* body_ = nullptr;
  QPlainTextEdit* editor_ = nullptr;
  QLabel* footer_ = nullptr;
  QToolButton* copyButton_ = nullptr;
  QToolButton* editButton_ = nullptr;
  QToolButton* regenerateButton_ = nullptr;
};

}  // namespace mindllm::ui
