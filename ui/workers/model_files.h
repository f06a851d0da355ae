#pragma once
// The few engine calls the UI makes on model folders, behind a header without torch, so that only
// model_files.cpp pays for the LibTorch headers.
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <string>
#include <vector>

#include "core/tokenizer/chat_template.h"

namespace mindllm {
class LoadedModel;
}

namespace mindllm::ui {

// What the model list and the import dialog show about a folder.
struct ModelSummary {
  QString dir;
  QString name;
  QString layout;          // "gpt_neo" | "llama"
  qint64 parameters = 0;
  QString dtype;
  QString weightsFormat;
  QString tokenizerKind;
  QString chatTemplate;
  int contextLength = 0;
  int vocabSize = 0;
  qint64 sizeOnDisk = 0;   // bytes of the weight files
};

// Reads config.json and the weight headers (fast). Throws mindllm::Error naming the file at fault.
ModelSummary inspectModel(const QString& dir);

// "1.3B", "125M", "48K".
QString formatParameterCount(qint64 parameters);

// Loads a model folder onto a device ("cpu", "cuda", "cuda:1"). Throws on failure.
std::shared_ptr<LoadedModel> loadModel(const QString& dir, const QString& device);
ModelSummary summaryOf(const LoadedModel& model);
QString deviceOf(const LoadedModel& model);

// The chat prompt in the model's own template, and the strings that end its turn.
std::string renderChatPrompt(const LoadedModel& model, const std::vector<ChatMessage>& messages);
std::vector<std::string> turnStopStrings(const LoadedModel& model);

// "cpu" and each visible CUDA device.
QStringList computeDevices();

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::ui::ModelSummary)
