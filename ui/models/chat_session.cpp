#include "ui/models/chat_session.h"

#include <QDir>
#include <QRandomGenerator>
#include <exception>

namespace mindllm::ui {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

ChatSession::ChatSession(storage::ChatStore& store, const AssistantCatalog& assistants, GenerationWorker* worker,
                         QObject* parent)
    : QObject(parent), store_(store), assistants_(assistants), worker_(worker), messages_(store),
      draftAssistant_(assistants.defaultId()) {
  flushTimer_.setInterval(500);
  connect(&flushTimer_, &QTimer::timeout, this, [this] {
    try {
      store_.flushStreaming();
    } catch (const std::exception& e) {
      Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    }
  });
  if (worker_) {
    connect(worker_, &GenerationWorker::textReady, this, &ChatSession::onText);
    connect(worker_, &GenerationWorker::generationFinished, this, &ChatSession::onFinished);
    connect(worker_, &GenerationWorker::generationFailed, this, &ChatSession::onFailed);
    connect(worker_, &GenerationWorker::modelLoading, this, [this](const QString& dir) {
      Q_EMIT modelStatus(tr("Loading %1…").arg(QDir(dir).dirName()), true);
    });
    connect(worker_, &GenerationWorker::modelLoaded, this, [this](const ModelSummary& s, const QString& device) {
      Q_EMIT modelStatus(tr("%1 on %2").arg(s.name, device.toUpper()), false);
    });
    // The reason reaches the user through generationFailed (or the preload's own handler).
    connect(worker_, &GenerationWorker::modelLoadFailed, this,
            [this] { Q_EMIT modelStatus(tr("No model loaded"), false); });
  }
}

// ---- the open conversation ------------------------------------------------------------------

void ChatSession::open(qint64 conversationId, bool readOnly) {
  conversationId_ = conversationId;
  readOnly_ = readOnly;
  messages_.load(conversationId);
  Q_EMIT openedConversationChanged(conversationId);
}

void ChatSession::setReadOnly(bool readOnly) {
  if (readOnly_ == readOnly) return;
  readOnly_ = readOnly;
  Q_EMIT openedConversationChanged(conversationId_);
}

storage::Conversation ChatSession::conversation() const {
  if (conversationId_) {
    if (auto c = store_.conversation(conversationId_)) return *c;
  }
  storage::Conversation draft;
  draft.assistant = draftAssistant_.toStdString();
  return draft;
}

QString ChatSession::assistant() const { return qs(conversation().assistant); }

void ChatSession::setAssistant(const QString& assistantId) {
  if (!conversationId_) {
    draftAssistant_ = assistantId;
    return;
  }
  store_.setAssistant(conversationId_, assistantId.toStdString());
  Q_EMIT conversationChanged(conversationId_);
}

QString ChatSession::modelDir() const {
  const std::string own = conversation().modelId;
  return own.empty() ? fallbackModel_ : qs(own);
}

void ChatSession::setModel(const QString& dir) {
  if (!conversationId_) {
    fallbackModel_ = dir;
    return;
  }
  store_.setModel(conversationId_, dir.toStdString());
  Q_EMIT conversationChanged(conversationId_);
}

GenerationSettings ChatSession::generationSettings() const {
  return GenerationSettings::fromJson(conversation().settingsJson);
}

void ChatSession::setGenerationSettings(const GenerationSettings& settings) {
  if (!ensureConversation()) return;
  store_.setGenerationSettings(conversationId_, settings.clamped().toJson());
  Q_EMIT conversationChanged(conversationId_);
}

QString ChatSession::systemPromptOverride() const { return qs(conversation().systemPrompt); }

void ChatSession::setSystemPromptOverride(const QString& prompt) {
  if (!ensureConversation()) return;
  store_.setSystemPrompt(conversationId_, prompt.trimmed().toStdString());
  Q_EMIT conversationChanged(conversationId_);
}

bool ChatSession::ensureConversation() {
  if (conversationId_) return true;
  try {
    storage::Conversation draft;
    draft.assistant = draftAssistant_.toStdString();
    draft.modelId = "";  // follow the app default until the user picks one
    conversationId_ = store_.createConversation(draft).id;
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return false;
  }
  messages_.load(conversationId_);
  Q_EMIT conversationCreated(conversationId_);
  Q_EMIT openedConversationChanged(conversationId_);
  return true;
}

// ---- actions ------------------------------------------------------------------------------

bool ChatSession::checkCanGenerate() {
  if (readOnly_) return false;
  if (isGenerating()) {
    Q_EMIT errorOccurred(tr("Wait for the current answer to finish, or stop it."));
    return false;
  }
  if (!worker_) return false;
  if (modelDir().isEmpty()) {
    Q_EMIT errorOccurred(tr("No model is selected. Import a model folder (Models → Import model…) first."));
    return false;
  }
  return true;
}

bool ChatSession::send(const QString& rawText) {
  const QString text = rawText.trimmed();
  if (text.isEmpty() || !checkCanGenerate() || !ensureConversation()) return false;
  try {
    const storage::Conversation c = conversation();
    if (c.title.empty()) store_.renameConversation(conversationId_, titleFromText(text).toStdString());
    const storage::Message user = store_.addMessage(conversationId_, storage::kRoleUser, text.toStdString());
    messages_.appendMessage(user);
    const qint64 answerId = store_.beginAssistantMessage(conversationId_, user.id);
    if (auto answer = store_.message(answerId)) messages_.appendMessage(*answer);
    return startAnswer(conversationId_, answerId, text);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return false;
  }
}

bool ChatSession::regenerate() {
  if (!conversationId_ || !checkCanGenerate()) return false;
  try {
    const qint64 answerId = store_.regenerateLastAnswer(conversationId_);
    messages_.reload();
    const auto answer = store_.message(answerId);
    const auto user = answer && answer->parentId ? store_.message(answer->parentId) : std::nullopt;
    return startAnswer(conversationId_, answerId, user ? qs(user->content) : QString());
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return false;
  }
}

bool ChatSession::editAndResend(qint64 userMessageId, const QString& rawText) {
  const QString text = rawText.trimmed();
  if (text.isEmpty() || !conversationId_ || !checkCanGenerate()) return false;
  try {
    store_.editUserMessage(userMessageId, text.toStdString());
    const qint64 answerId = store_.beginAssistantMessage(conversationId_, userMessageId);
    messages_.reload();
    return startAnswer(conversationId_, answerId, text);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return false;
  }
}

void ChatSession::stop() {
  if (worker_ && runningRequestId_) worker_->requestStop(runningRequestId_);
}

void ChatSession::abandonStreaming() {
  if (!streamingMessageId_) return;
  const qint64 messageId = streamingMessageId_;
  try {
    store_.finishMessage(messageId, storage::MessageState::Stopped);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
  messages_.setFinished(messageId, storage::MessageState::Stopped, {});
  endStreaming();
}

QString ChatSession::effectiveSystemPrompt(const QString& userText) const {
  const QString own = systemPromptOverride();
  if (!own.isEmpty()) return own;
  const QString language = userText.isEmpty() ? uiLanguage_ : languageOfText(userText);
  return assistants_.systemPrompt(assistant(), language);
}

std::vector<ChatMessage> ChatSession::promptMessages(qint64 conversationId, const QString& userText) const {
  std::vector<ChatMessage> out;
  const QString system = effectiveSystemPrompt(userText);
  if (!system.isEmpty()) out.push_back({storage::kRoleSystem, system.toStdString()});
  for (const storage::Message& m : store_.messages(conversationId)) {
    // Answers being written, failed ones and empty ones are not part of the dialogue.
    if (m.state == storage::MessageState::Streaming || m.state == storage::MessageState::Error) continue;
    if (m.content.empty()) continue;
    out.push_back({m.role, m.content});
  }
  return out;
}

bool ChatSession::startAnswer(qint64 conversationId, qint64 messageId, const QString& userText) {
  GenerationRequest request;
  request.id = ++lastRequestId_;
  request.modelDir = modelDir();
  request.device = device_;
  request.messages = promptMessages(conversationId, userText);
  // A fresh seed per answer, so Regenerate gives a different answer unless sampling is greedy.
  request.params = generationSettings().toSamplingParams(QRandomGenerator::global()->generate64());

  runningRequestId_ = request.id;
  streamingMessageId_ = messageId;
  streamingConversationId_ = conversationId;
  flushTimer_.start();
  Q_EMIT generatingChanged(true);
  Q_EMIT conversationChanged(conversationId);
  GenerationWorker* worker = worker_.data();
  QMetaObject::invokeMethod(worker, [worker, request] { worker->generate(request); }, Qt::QueuedConnection);
  return true;
}

void ChatSession::onText(quint64 requestId, const QString& piece, const GenerationTick& tick) {
  if (requestId != runningRequestId_ || !streamingMessageId_) return;
  try {
    store_.appendToMessage(streamingMessageId_, piece.toStdString());
  } catch (const std::exception& e) {
    // The disk is failing: stop rather than show text that is not being kept.
    stop();
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return;
  }
  messages_.appendText(streamingMessageId_, piece);
  Q_EMIT progress(tick);
}

void ChatSession::onFinished(quint64 requestId, const GenerationOutcome& outcome) {
  if (requestId != runningRequestId_ || !streamingMessageId_) return;
  const qint64 messageId = streamingMessageId_;
  storage::MessageStats stats;
  stats.tokens = outcome.tokens;
  stats.tokensPerSecond = outcome.tokensPerSecond;
  const auto state = outcome.cancelled ? storage::MessageState::Stopped : storage::MessageState::Complete;
  try {
    store_.finishMessage(messageId, state, stats);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
  messages_.setFinished(messageId, state, stats);
  endStreaming();
  Q_EMIT answerFinished(messageId, outcome.stopReason);
}

void ChatSession::onFailed(quint64 requestId, const QString& error) {
  if (requestId != runningRequestId_ || !streamingMessageId_) return;
  const qint64 messageId = streamingMessageId_;
  storage::MessageStats stats;
  stats.errorText = error.toStdString();
  try {
    store_.finishMessage(messageId, storage::MessageState::Error, stats);
  } catch (const std::exception&) {
  }
  messages_.setFinished(messageId, storage::MessageState::Error, stats);
  endStreaming();
  Q_EMIT errorOccurred(error);
  Q_EMIT answerFinished(messageId, QStringLiteral("error"));
}

void ChatSession::endStreaming() {
  const qint64 conversationId = streamingConversationId_;
  flushTimer_.stop();
  runningRequestId_ = 0;
  streamingMessageId_ = 0;
  streamingConversationId_ = 0;
  Q_EMIT generatingChanged(false);
  Q_EMIT conversationChanged(conversationId);
}

QString ChatSession::languageOfText(const QString& text) {
  for (const QChar ch : text) {
    const char16_t u = ch.unicode();
    // CJK Unified Ideographs, Extension A, CJK punctuation and full-width forms.
    if ((u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x3000 && u <= 0x303F) ||
        (u >= 0xFF00 && u <= 0xFFEF))
      return QStringLiteral("zh_CN");
  }
  return QStringLiteral("en");
}

QString ChatSession::titleFromText(const QString& text) {
  QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
  if (line.size() > 40) line = line.left(39) + QChar(0x2026);
  return line;
}

}  // namespace mindllm::ui
