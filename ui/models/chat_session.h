#pragma once
// The open conversation and its answers in progress: what the chat pane's buttons do. It writes
// every change through ChatStore (streamed text as it arrives, via the store's streaming API), keeps
// the MessageListModel in step, and hands generation to the GenerationWorker on its thread.
//
// One answer is generated at a time. The user may switch to another conversation meanwhile: the
// answer keeps streaming into the store and shows again when its conversation is reopened.
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <vector>

#include "core/storage/chat_store.h"
#include "core/tokenizer/chat_template.h"
#include "ui/assistant_catalog.h"
#include "ui/models/generation_settings.h"
#include "ui/models/message_list_model.h"
#include "ui/workers/generation_worker.h"

namespace mindllm::ui {

class ChatSession : public QObject {
  Q_OBJECT
public:
  ChatSession(storage::ChatStore& store, const AssistantCatalog& assistants, GenerationWorker* worker,
              QObject* parent = nullptr);

  MessageListModel* messages() { return &messages_; }
  storage::ChatStore& store() { return store_; }

  // ---- the open conversation ----------------------------------------------------------------
  void open(qint64 conversationId, bool readOnly = false);  // 0 = a new, not yet saved conversation
  qint64 conversationId() const { return conversationId_; }
  bool isReadOnly() const { return readOnly_; }
  void setReadOnly(bool readOnly);
  // The stored row, or a draft for a conversation not saved yet.
  storage::Conversation conversation() const;

  QString assistant() const;
  void setAssistant(const QString& assistantId);
  QString modelDir() const;                     // the conversation's model, else the fallback
  void setModel(const QString& dir);
  GenerationSettings generationSettings() const;
  void setGenerationSettings(const GenerationSettings& settings);
  QString systemPromptOverride() const;
  void setSystemPromptOverride(const QString& prompt);

  // App-wide choices.
  void setFallbackModel(const QString& dir) { fallbackModel_ = dir; }
  void setDevice(const QString& device) { device_ = device; }
  QString device() const { return device_; }
  void setUiLanguage(const QString& language) { uiLanguage_ = language; }

  // ---- actions --------------------------------------------------------------------------------
  // Each returns false (and emits errorOccurred when the user should know why) when it cannot run.
  bool send(const QString& text);
  bool regenerate();
  bool editAndResend(qint64 userMessageId, const QString& newText);
  void stop();
  // Saves a running answer as Stopped without waiting for the worker (the window is closing and
  // the worker thread has already ended).
  void abandonStreaming();
  bool isGenerating() const { return streamingMessageId_ != 0; }
  qint64 generatingConversationId() const { return streamingConversationId_; }
  qint64 streamingMessageId() const { return streamingMessageId_; }

  // The system prompt used for an answer to `userText`: the conversation's override, else the
  // assistant's prompt in the language the user writes in (Chinese text -> zh_CN).
  QString effectiveSystemPrompt(const QString& userText) const;
  // The prompt turns for the answer being generated to the last user message.
  std::vector<ChatMessage> promptMessages(qint64 conversationId, const QString& userText) const;

  static QString languageOfText(const QString& text);  // "zh_CN" if any CJK character, else "en"
  static QString titleFromText(const QString& text);   // the first line, at most 40 characters

Q_SIGNALS:
  void conversationCreated(qint64 id);
  void conversationChanged(qint64 id);           // title, settings or messages changed
  void openedConversationChanged(qint64 id);
  void generatingChanged(bool generating);
  void progress(const mindllm::ui::GenerationTick& tick);
  void answerFinished(qint64 messageId, const QString& stopReason);
  void modelStatus(const QString& text, bool busy);
  void errorOccurred(const QString& message);

private:
  bool startAnswer(qint64 conversationId, qint64 messageId, const QString& userText);
  void onText(quint64 requestId, const QString& piece, const GenerationTick& tick);
  void onFinished(quint64 requestId, const GenerationOutcome& outcome);
  void onFailed(quint64 requestId, const QString& error);
  void endStreaming();
  bool ensureConversation();
  bool checkCanGenerate();

  storage::ChatStore& store_;
  const AssistantCatalog& assistants_;
  QPointer<GenerationWorker> worker_;
  MessageListModel messages_;
  QTimer flushTimer_;  // writes slow streams to disk even between the store's own flushes

  qint64 conversationId_ = 0;
  bool readOnly_ = false;
  QString draftAssistant_;
  QString fallbackModel_;
  QString device_ = QStringLiteral("cpu");
  QString uiLanguage_ = QStringLiteral("en");

  quint64 lastRequestId_ = 0;
  quint64 runningRequestId_ = 0;
  qint64 streamingMessageId_ = 0;
  qint64 streamingConversationId_ = 0;
};

}  // namespace mindllm::ui
