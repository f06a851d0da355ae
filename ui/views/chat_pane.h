#pragma once
// The right side: the conversation's header (title, assistant picker, model picker, settings),
// the assistant's disclaimer, the messages, live answer stats (tokens/s, context use), and the
// input with Send / Stop. All actions go through ChatSession.
#include <QWidget>

#include "ui/workers/generation_worker.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;
class QAbstractItemModel;

namespace mindllm::ui {

class AssistantCatalog;
class ChatInput;
class ChatSession;
class MessageView;

class ChatPane : public QWidget {
  Q_OBJECT
public:
  ChatPane(ChatSession* session, const AssistantCatalog& assistants, QAbstractItemModel* models,
           const QString& language, QWidget* parent = nullptr);

  // Re-reads the open conversation (title, assistant, model, read-only state).
  void refresh();
  void setModelStatus(const QString& text, bool busy);
  void focusInput();
  void jumpToMessage(qint64 messageId);

  // For tests.
  ChatInput* input() const { return input_; }
  MessageView* messageView() const { return messages_; }
  QPushButton* sendButton() const { return send_; }
  QComboBox* assistantPicker() const { return assistant_; }
  QComboBox* modelPicker() const { return model_; }
  QLabel* disclaimer() const { return disclaimer_; }
  QLabel* statsLabel() const { return stats_; }

Q_SIGNALS:
  void settingsRequested();
  void importModelRequested();
  void continueRequested();

private:
  void sendOrStop();
  void onGeneratingChanged(bool generating);
  void onProgress(const GenerationTick& tick);
  void syncModelPicker();

  ChatSession* session_;
  const AssistantCatalog& assistants_;
  QAbstractItemModel* models_;
  QString language_;
  bool syncing_ = false;

  QLabel* title_ = nullptr;
  QComboBox* assistant_ = nullptr;
  QComboBox* model_ = nullptr;
  QToolButton* settings_ = nullptr;
  QWidget* disclaimerBar_ = nullptr;
  QLabel* disclaimer_ = nullptr;
  QWidget* readOnlyBar_ = nullptr;
  MessageView* messages_ = nullptr;
  QWidget* statsBar_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QLabel* stats_ = nullptr;
  QWidget* inputBox_ = nullptr;
  ChatInput* input_ = nullptr;
  QPushButton* send_ = nullptr;
  QLabel* hint_ = nullptr;
};

}  // namespace mindllm::ui
