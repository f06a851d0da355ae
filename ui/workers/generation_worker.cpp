#include "ui/workers/generation_worker.h"

#include <QDir>
#include <exception>

#include "core/generate/generator.h"

namespace mindllm::ui {

GenerationWorker::GenerationWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<GenerationRequest>();
  qRegisterMetaType<GenerationTick>();
  qRegisterMetaType<GenerationOutcome>();
  qRegisterMetaType<ModelSummary>();
}

GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::requestStop(quint64 upToId) {
  quint64 seen = cancelledUpTo_.load();
  while (seen < upToId && !cancelledUpTo_.compare_exchange_weak(seen, upToId)) {
  }
  const quint64 running = running_.load();
  if (running != 0 && running <= upToId) cancel_ = true;
}

void GenerationWorker::loadModel(const QString& modelDir, const QString& device) { ensureModel(modelDir, device); }

void GenerationWorker::unloadModel() {
  generator_.reset();
  model_.reset();
  modelDir_.clear();
}

bool GenerationWorker::ensureModel(const QString& modelDir, const QString& device, QString* error) {
  const QString dir = QDir::cleanPath(modelDir);
  if (model_ && dir == modelDir_ && device == device_) return true;
  unloadModel();  // free the old weights before reading the new ones
  Q_EMIT modelLoading(dir);
  try {
    model_ = ui::loadModel(dir, device);
    generator_ = std::make_unique<Generator>(model_);
    modelDir_ = dir;
    device_ = device;
    Q_EMIT modelLoaded(summaryOf(*model_), deviceOf(*model_));
    return true;
  } catch (const std::exception& e) {
    unloadModel();
    const QString message = QString::fromUtf8(e.what());
    if (error) *error = message;
    Q_EMIT modelLoadFailed(dir, message);
    return false;
  }
}

void GenerationWorker::generate(const GenerationRequest& request) {
  // The order of these two stores matters for requestStop (see the header).
  running_ = request.id;
  cancel_ = isCancelled(request.id);
  auto done = [this] { running_ = 0; };

  if (cancel_) {
    GenerationOutcome outcome;
    outcome.stopReason = QStringLiteral("cancelled");
    outcome.cancelled = true;
    done();
    Q_EMIT generationFinished(request.id, outcome);
    return;
  }
  QString loadError;
  if (!ensureModel(request.modelDir, request.device, &loadError)) {
    done();
    Q_EMIT generationFailed(request.id, tr("Could not load the model in %1:\n%2").arg(request.modelDir, loadError));
    return;
  }
  Q_EMIT generationStarted(request.id);
  try {
    SamplingParams params = request.params;
    for (const std::string& stop : turnStopStrings(*model_)) params.stopStrings.push_back(stop);
    const std::string prompt = renderChatPrompt(*model_, request.messages);
    auto onText = [&](const std::string& piece, const GenerationProgress& p) {
      const GenerationTick tick{p.generatedTokens, p.contextUsed, p.contextSize, p.tokensPerSecond};
      Q_EMIT textReady(request.id, QString::fromStdString(piece), tick);
      return !cancel_.load();
    };
    const GenerationResult result = generator_->generate(prompt, params, onText, &cancel_);
    GenerationOutcome outcome;
    outcome.stopReason = QString::fromLatin1(toString(result.stopReason));
    outcome.cancelled = result.stopReason == StopReason::Cancelled;
    outcome.tokens = static_cast<int>(result.tokens.size());
    outcome.tokensPerSecond = result.decodeTokensPerSecond();
    outcome.promptTokens = result.promptTokens;
    outcome.truncatedPromptTokens = result.truncatedPromptTokens;
    done();
    Q_EMIT generationFinished(request.id, outcome);
  } catch (const std::exception& e) {
    done();
    Q_EMIT generationFailed(request.id, QString::fromUtf8(e.what()));
  }
}

}  // namespace mindllm::ui
