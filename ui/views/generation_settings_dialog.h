#pragma once
// Per-conversation generation settings: temperature, top-p, top-k, repetition penalty, max tokens
// and a system prompt override (empty = the assistant's own prompt, shown as the placeholder).
#include <QDialog>

#include "ui/models/generation_settings.h"

class QDoubleSpinBox;
class QPlainTextEdit;
class QSpinBox;

namespace mindllm::ui {

class GenerationSettingsDialog : public QDialog {
  Q_OBJECT
public:
  GenerationSettingsDialog(const GenerationSettings& settings, const QString& systemPromptOverride,
                           const QString& assistantPrompt, QWidget* parent = nullptr);

  GenerationSettings settings() const;
  QString systemPromptOverride() const;

private:
  void load(const GenerationSettings& s);

  QDoubleSpinBox* temperature_ = nullptr;
  QDoubleSpinBox* topP_ = nullptr;
  QSpinBox* topK_ = nullptr;
  QDoubleSpinBox* repetition_ = nullptr;
  QSpinBox* maxTokens_ = nullptr;
  QPlainTextEdit* systemPrompt_ = nullptr;
};

}  // namespace mindllm::ui
