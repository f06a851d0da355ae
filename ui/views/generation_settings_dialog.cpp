#include "ui/views/generation_settings_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mindllm::ui {

namespace {
QDoubleSpinBox* doubleSpin(double min, double max, double step, int decimals, QWidget* parent) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(min, max);
  s->setSingleStep(step);
  s->setDecimals(decimals);
  return s;
}
}  // namespace

GenerationSettingsDialog::GenerationSettingsDialog(const GenerationSettings& settings,
                                                   const QString& systemPromptOverride,
                                                   const QString& assistantPrompt, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Generation settings"));
  setObjectName(QStringLiteral("generationSettingsDialog"));
  temperature_ = doubleSpin(0.0, 2.0, 0.05, 2, this);
  temperature_->setToolTip(tr("Higher is more varied, 0 always picks the most likely token."));
  topP_ = doubleSpin(0.05, 1.0, 0.05, 2, this);
  topP_->setToolTip(tr("Sample only from the most likely tokens that together reach this probability."));
  topK_ = new QSpinBox(this);
  topK_->setRange(0, 200);
  topK_->setSpecialValueText(tr("off"));
  topK_->setToolTip(tr("Sample only from this many most likely tokens (0 = off)."));
  repetition_ = doubleSpin(1.0, 2.0, 0.05, 2, this);
  repetition_->setToolTip(tr("Above 1 discourages repeating earlier text."));
  maxTokens_ = new QSpinBox(this);
  maxTokens_->setRange(1, 8192);
  maxTokens_->setSingleStep(64);
  maxTokens_->setToolTip(tr("The longest answer, in tokens."));
  systemPrompt_ = new QPlainTextEdit(this);
  systemPrompt_->setPlaceholderText(assistantPrompt);
  systemPrompt_->setPlainText(systemPromptOverride);
  systemPrompt_->setMinimumHeight(110);

  auto* form = new QFormLayout;
  form->addRow(tr("Temperature"), temperature_);
  form->addRow(tr("Top-p"), topP_);
  form->addRow(tr("Top-k"), topK_);
  form->addRow(tr("Repetition penalty"), repetition_);
  form->addRow(tr("Max new tokens"), maxTokens_);
  auto* promptLabel = new QLabel(tr("System prompt (leave empty to use the assistant's prompt):"), this);
  promptLabel->setWordWrap(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
    load(GenerationSettings{});
    systemPrompt_->clear();
  });

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(promptLabel);
  layout->addWidget(systemPrompt_, 1);
  layout->addWidget(buttons);
  load(settings);
  resize(520, 460);
}

void GenerationSettingsDialog::load(const GenerationSettings& s) {
  temperature_->setValue(s.temperature);
  topP_->setValue(s.topP);
  topK_->setValue(s.topK);
  repetition_->setValue(s.repetitionPenalty);
  maxTokens_->setValue(s.maxTokens);
}

GenerationSettings GenerationSettingsDialog::settings() const {
  GenerationSettings s;
  s.temperature = static_cast<float>(temperature_->value());
  s.topP = static_cast<float>(topP_->value());
  s.topK = topK_->value();
  s.repetitionPenalty = static_cast<float>(repetition_->value());
  s.maxTokens = maxTokens_->value();
  return s.clamped();
}

QString GenerationSettingsDialog::systemPromptOverride() const { return systemPrompt_->toPlainText().trimmed(); }

}  // namespace mindllm::ui
