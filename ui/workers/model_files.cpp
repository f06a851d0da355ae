#include "ui/workers/model_files.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include "core/generate/device.h"
#include "core/io/model_folder.h"

namespace mindllm::ui {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }

qint64 weightBytes(const QString& dir) {
  qint64 total = 0;
  const QStringList patterns = {QStringLiteral("*.safetensors"), QStringLiteral("*.bin")};
  for (const QFileInfo& f : QDir(dir).entryInfoList(patterns, QDir::Files)) total += f.size();
  return total;
}
}  // namespace

ModelSummary inspectModel(const QString& dir) {
  const ModelFolderInfo info = inspectModelFolder(dir.toStdString());
  ModelSummary s;
  s.dir = QDir::cleanPath(dir);
  s.name = info.name.empty() ? QFileInfo(dir).fileName() : qs(info.name);
  s.layout = qs(info.layout);
  s.parameters = info.parameters;
  s.dtype = qs(info.dtype);
  s.weightsFormat = qs(info.weightsFormat);
  s.tokenizerKind = qs(info.tokenizerKind);
  s.chatTemplate = qs(info.chatTemplate);
  s.contextLength = info.contextLength;
  s.vocabSize = info.vocabSize;
  s.sizeOnDisk = weightBytes(dir);
  return s;
}

QString formatParameterCount(qint64 n) {
  if (n >= 1'000'000'000) return QString::number(n / 1e9, 'f', 1) + QLatin1Char('B');
  if (n >= 1'000'000) return QString::number(n / 1e6, 'f', n >= 100'000'000 ? 0 : 1) + QLatin1Char('M');
  if (n >= 1'000) return QString::number(n / 1e3, 'f', 0) + QLatin1Char('K');
  return QString::number(n);
}

std::shared_ptr<LoadedModel> loadModel(const QString& dir, const QString& device) {
  return loadModelFolder(dir.toStdString(), DeviceSpec::parse(device.toStdString()));
}

ModelSummary summaryOf(const LoadedModel& model) {
  ModelSummary s;
  const ModelConfig& c = model.config();
  s.dir = qs(model.dir());
  s.name = QFileInfo(s.dir).fileName();
  s.layout = QString::fromLatin1(toString(c.layout));
  s.parameters = c.parameterCount();
  s.dtype = qs(model.device().resolvedDtype());
  s.tokenizerKind = qs(model.tokenizer().kind());
  s.chatTemplate = qs(model.chatTemplate().name());
  s.contextLength = c.maxPositions;
  s.vocabSize = c.vocabSize;
  return s;
}

QString deviceOf(const LoadedModel& model) { return qs(model.device().device); }

std::string renderChatPrompt(const LoadedModel& model, const std::vector<ChatMessage>& messages) {
  return model.chatTemplate().render(messages, /*addGenerationPrompt=*/true);
}

std::vector<std::string> turnStopStrings(const LoadedModel& model) { return model.chatTemplate().stopStrings(); }

QStringList computeDevices() {
  QStringList out;
  for (const auto& d : availableDevices()) out << qs(d);
  if (out.isEmpty()) out << QStringLiteral("cpu");
  return out;
}

}  // namespace mindllm::ui
