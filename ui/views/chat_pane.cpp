#include "ui/views/chat_pane.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/assistant_catalog.h"
#include "ui/models/chat_session.h"
#include "ui/models/model_list_model.h"
#include "ui/views/chat_input.h"
#include "ui/views/icons.h"
#include "ui/views/message_view.h"

namespace mindllm::ui {

ChatPane::ChatPane(ChatSession* session, const AssistantCatalog& assistants, QAbstractItemModel* models,
                   const QString& language, QWidget* parent)
    : QWidget(parent), session_(session), assistants_(assistants), models_(models), language_(language) {
  setObjectName(QStringLiteral("chatPane"));

  // Header: title, assistant, model, settings.
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("conversationTitle"));
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  title_->setMinimumWidth(80);
  title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  assistant_ = new QComboBox(this);
  assistant_->setObjectName(QStringLiteral("assistantPicker"));
  assistant_->setToolTip(tr("Assistant for this conversation"));
  for (const QString& id : assistants_.ids())
    assistant_->addItem(assistants_.icon(id), assistants_.name(id, language_), id);
  model_ = new QComboBox(this);
  model_->setObjectName(QStringLiteral("modelPicker"));
  model_->setToolTip(tr("Model for this conversation"));
  model_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  model_->setMinimumContentsLength(12);
  settings_ = new QToolButton(this);
  settings_->setIcon(icons::get(QStringLiteral("settings")));
  settings_->setToolTip(tr("Generation settings"));
  settings_->setAutoRaise(true);
  connect(settings_, &QToolButton::clicked, this, &ChatPane::settingsRequested);

  auto* headerBar = new QWidget(this);
  headerBar->setObjectName(QStringLiteral("chatHeader"));
  headerBar->setAttribute(Qt::WA_StyledBackground);
  auto* header = new QHBoxLayout(headerBar);
  header->setContentsMargins(20, 10, 14, 10);
  header->addWidget(title_, 1);
  header->addWidget(assistant_);
  header->addWidget(model_);
  header->addWidget(settings_);

  // Disclaimer of the conversation's assistant, always visible.
  disclaimerBar_ = new QWidget(this);
  disclaimerBar_->setObjectName(QStringLiteral("disclaimerBar"));
  disclaimerBar_->setAttribute(Qt::WA_StyledBackground);
  auto* warn = new QLabel(disclaimerBar_);
  warn->setPixmap(icons::get(QStringLiteral("warning")).pixmap(16, 16));
  disclaimer_ = new QLabel(disclaimerBar_);
  disclaimer_->setObjectName(QStringLiteral("disclaimer"));
  disclaimer_->setWordWrap(true);
  auto* d = new QHBoxLayout(disclaimerBar_);
  d->setContentsMargins(20, 6, 20, 6);
  d->addWidget(warn, 0, Qt::AlignTop);
  d->addWidget(disclaimer_, 1);

  // Read-only banner for conversations opened from History.
  readOnlyBar_ = new QWidget(this);
  readOnlyBar_->setObjectName(QStringLiteral("readOnlyBar"));
  readOnlyBar_->setAttribute(Qt::WA_StyledBackground);
  auto* roText = new QLabel(tr("You are reviewing this conversation read-only."), readOnlyBar_);
  auto* roContinue = new QPushButton(tr("Continue this conversation"), readOnlyBar_);
  roContinue->setObjectName(QStringLiteral("continueButton"));
  connect(roContinue, &QPushButton::clicked, this, [this] {
    session_->setReadOnly(false);
    Q_EMIT continueRequested();
  });
  auto* ro = new QHBoxLayout(readOnlyBar_);
  ro->setContentsMargins(20, 6, 20, 6);
  ro->addWidget(roText, 1);
  ro->addWidget(roContinue);

  messages_ = new MessageView(this);
  messages_->setModel(session_->messages());
  connect(messages_, &MessageView::regenerateRequested, session_, [this] { session_->regenerate(); });
  connect(messages_, &MessageView::editSubmitted, session_,
          [this](qint64 id, const QString& text) { session_->editAndResend(id, text); });
  connect(messages_, &MessageView::starterPromptChosen, this, [this](const QString& text) {
    if (session_->isReadOnly()) return;
    input_->setPlainText(text);
    input_->setFocus();
    input_->moveCursor(QTextCursor::End);
  });

  // Live stats while answering.
  statsBar_ = new QWidget(this);
  busy_ = new QProgressBar(statsBar_);
  busy_->setRange(0, 0);
  busy_->setMaximumWidth(90);
  busy_->setMaximumHeight(6);
  busy_->setTextVisible(false);
  stats_ = new QLabel(statsBar_);
  stats_->setObjectName(QStringLiteral("liveStats"));
  auto* s = new QHBoxLayout(statsBar_);
  s->setContentsMargins(24, 0, 24, 0);
  s->addWidget(busy_);
  s->addWidget(stats_, 1);
  statsBar_->hide();

  // Input.
  inputBox_ = new QWidget(this);
  inputBox_->setObjectName(QStringLiteral("inputBox"));
  inputBox_->setAttribute(Qt::WA_StyledBackground);
  input_ = new ChatInput(inputBox_);
  input_->setPlaceholderText(tr("Ask anything…"));
  send_ = new QPushButton(inputBox_);
  send_->setObjectName(QStringLiteral("sendButton"));
  send_->setCursor(Qt::PointingHandCursor);
  send_->setIconSize({18, 18});
  connect(send_, &QPushButton::clicked, this, &ChatPane::sendOrStop);
  connect(input_, &ChatInput::submitted, this, [this] {
    if (!session_->isGenerating()) sendOrStop();
  });
  auto* in = new QHBoxLayout(inputBox_);
  in->setContentsMargins(12, 8, 8, 8);
  in->addWidget(input_, 1);
  in->addWidget(send_, 0, Qt::AlignBottom);
  hint_ = new QLabel(tr("Enter to send · Shift+Enter for a new line"), this);
  hint_->setObjectName(QStringLiteral("inputHint"));
  hint_->setAlignment(Qt::AlignCenter);

  auto* inputArea = new QVBoxLayout;
  inputArea->setContentsMargins(24, 6, 24, 10);
  inputArea->setSpacing(4);
  inputArea->addWidget(inputBox_);
  inputArea->addWidget(hint_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(headerBar);
  layout->addWidget(disclaimerBar_);
  layout->addWidget(readOnlyBar_);
  layout->addWidget(messages_, 1);
  layout->addWidget(statsBar_);
  layout->addLayout(inputArea);

  connect(assistant_, &QComboBox::currentIndexChanged, this, [this] {
    if (syncing_) return;
    session_->setAssistant(assistant_->currentData().toString());
    refresh();
  });
  connect(model_, &QComboBox::activated, this, [this](int index) {
    if (syncing_) return;
    const QString dir = model_->itemData(index, ModelListModel::DirRole).toString();
    if (dir.isEmpty()) {
      Q_EMIT importModelRequested();
      syncModelPicker();
      return;
    }
    session_->setModel(dir);
  });
  if (models_) {
    connect(models_, &QAbstractItemModel::modelReset, this, &ChatPane::syncModelPicker);
    connect(models_, &QAbstractItemModel::rowsInserted, this, &ChatPane::syncModelPicker);
  }
  connect(session_, &ChatSession::generatingChanged, this, &ChatPane::onGeneratingChanged);
  connect(session_, &ChatSession::progress, this, &ChatPane::onProgress);
  connect(session_, &ChatSession::openedConversationChanged, this, &ChatPane::refresh);
  connect(session_, &ChatSession::conversationChanged, this, [this](qint64 id) {
    if (id == session_->conversationId()) refresh();
  });
  onGeneratingChanged(false);
  refresh();
}

void ChatPane::refresh() {
  const storage::Conversation c = session_->conversation();
  const QString assistantId = QString::fromStdString(c.assistant);
  title_->setText(c.title.empty() ? tr("New conversation") : QString::fromStdString(c.title));
  syncing_ = true;
  const int index = assistant_->findData(assistantId);
  assistant_->setCurrentIndex(index >= 0 ? index : 0);
  // The assistant is chosen before the first message; afterwards it stays with the conversation.
  assistant_->setEnabled(!session_->isReadOnly() && session_->messages()->rowCount() == 0);
  syncing_ = false;
  syncModelPicker();

  disclaimer_->setText(assistants_.disclaimer(assistantId, language_));
  messages_->setAssistant(assistants_.name(assistantId, language_), assistants_.icon(assistantId),
                          assistants_.description(assistantId, language_),
                          assistants_.starterPrompts(assistantId, language_));
  const bool readOnly = session_->isReadOnly();
  readOnlyBar_->setVisible(readOnly);
  inputBox_->setVisible(!readOnly);
  hint_->setVisible(!readOnly);
  model_->setEnabled(!readOnly);
  settings_->setEnabled(!readOnly);
  messages_->setReadOnly(readOnly);
}

void ChatPane::syncModelPicker() {
  if (!models_) return;
  syncing_ = true;
  model_->clear();
  const QString current = session_->modelDir();
  int selected = -1;
  for (int row = 0; row < models_->rowCount(); ++row) {
    const QModelIndex idx = models_->index(row, 0);
    if (!idx.data(ModelListModel::UsableRole).toBool()) continue;
    const QString dir = idx.data(ModelListModel::DirRole).toString();
    model_->addItem(icons::get(QStringLiteral("model")), idx.data(ModelListModel::NameRole).toString());
    model_->setItemData(model_->count() - 1, dir, ModelListModel::DirRole);
    model_->setItemData(model_->count() - 1, idx.data(Qt::ToolTipRole), Qt::ToolTipRole);
    if (dir == current) selected = model_->count() - 1;
  }
  if (model_->count() == 0) model_->addItem(icons::get(QStringLiteral("model")), tr("No model"));
  model_->insertSeparator(model_->count());
  model_->addItem(icons::get(QStringLiteral("import")), tr("Import model…"));
  model_->setCurrentIndex(selected >= 0 ? selected : 0);
  syncing_ = false;
}

void ChatPane::setModelStatus(const QString& text, bool busy) {
  if (busy) {
    statsBar_->show();
    stats_->setText(text);
  } else if (!session_->isGenerating()) {
    statsBar_->hide();
  }
}

void ChatPane::focusInput() { input_->setFocus(); }

void ChatPane::jumpToMessage(qint64 messageId) { messages_->scrollToMessage(messageId); }

void ChatPane::sendOrStop() {
  if (session_->isGenerating()) {
    session_->stop();
    return;
  }
  const QString text = input_->toPlainText();
  if (text.trimmed().isEmpty()) return;
  if (session_->send(text)) input_->clear();
}

void ChatPane::onGeneratingChanged(bool generating) {
  send_->setIcon(icons::get(generating ? QStringLiteral("stop") : QStringLiteral("send")));
  send_->setText(generating ? tr("Stop") : tr("Send"));
  send_->setProperty("stop", generating);
  send_->style()->unpolish(send_);
  send_->style()->polish(send_);
  statsBar_->setVisible(generating);
  if (generating) stats_->setText(tr("Reading the prompt…"));
  messages_->setGenerating(generating);
  assistant_->setEnabled(!generating && !session_->isReadOnly() && session_->messages()->rowCount() == 0);
}

void ChatPane::onProgress(const GenerationTick& tick) {
  QString text = tr("%1 tokens/s · %n token(s)", nullptr, tick.generatedTokens).arg(tick.tokensPerSecond, 0, 'f', 1);
  if (tick.contextSize > 0)
    text += QStringLiteral(" · ") + tr("context %1 / %2 (%3%)")
                                        .arg(tick.contextUsed)
                                        .arg(tick.contextSize)
                                        .arg(100 * tick.contextUsed / tick.contextSize);
  stats_->setText(text);
}

}  // namespace mindllm::ui
