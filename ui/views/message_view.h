#pragma once
// The scrolling column of MessageWidgets bound to a MessageListModel (rows inserted, changed,
// reset). While an answer streams the view follows it, unless the user scrolled up to read.
// An empty conversation shows the assistant's welcome: what it does and a few starter prompts.
#include <QPointer>
#include <QScrollArea>
#include <vector>

#include "ui/models/message_list_model.h"

class QLabel;
class QVBoxLayout;

namespace mindllm::ui {

class MessageWidget;

class MessageView : public QScrollArea {
  Q_OBJECT
public:
  explicit MessageView(QWidget* parent = nullptr);

  void setModel(MessageListModel* model);
  // Names and icon used for assistant messages; the welcome panel's texts.
  void setAssistant(const QString& name, const QIcon& icon, const QString& description,
                    const QStringList& starterPrompts);
  void setReadOnly(bool readOnly);
  void setGenerating(bool generating);

  MessageWidget* widgetForMessage(qint64 messageId) const;
  std::vector<MessageWidget*> messageWidgets() const { return widgets_; }
  bool scrollToMessage(qint64 messageId);   // and flash it; false when not shown
  bool isAtBottom() const;

Q_SIGNALS:
  void regenerateRequested();
  void editSubmitted(qint64 messageId, const QString& text);
  void starterPromptChosen(const QString& text);
  void copied();

private:
  void rebuild();
  void insertRows(int first, int last);
  void removeRows(int first, int last);
  void updateRows(int first, int last);
  void updateActions();
  void updateWelcome();
  MessageWidget* makeWidget();
  void scrollToBottomSoon();

  QPointer<MessageListModel> model_;
  QWidget* content_ = nullptr;
  QVBoxLayout* column_ = nullptr;
  QWidget* welcome_ = nullptr;
  QLabel* welcomeIcon_ = nullptr;
  QLabel* welcomeTitle_ = nullptr;
  QLabel* welcomeText_ = nullptr;
  QVBoxLayout* startersLayout_ = nullptr;
  std::vector<MessageWidget*> widgets_;
  QString assistantName_;
  QIcon assistantIcon_;
  bool readOnly_ = false;
  bool generating_ = false;
  bool followBottom_ = true;
};

}  // namespace mindllm::ui
