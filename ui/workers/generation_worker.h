#pragma once
// Runs the model on its own thread (moveToThread): loads a model folder when a request names a
// different one, renders the chat prompt in the model's template and streams the answer back as
// signals. The GUI thread only queues requests and reads signals, so it never blocks.
//
// Stopping: requestStop() may be called from any thread; it marks every request up to the given
// id as cancelled, including one still waiting in the queue or loading its model.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "core/generate/sampling_params.h"
#include "core/tokenizer/chat_template.h"
#include "ui/workers/model_files.h"

namespace mindllm {
class Generator;
}

namespace mindllm::ui {

struct GenerationRequest {
  quint64 id = 0;
  QString modelDir;
  QString device = QStringLiteral("cpu");
  std::vector<ChatMessage> messages;   // system prompt first, then the turns; ends with a user turn
  SamplingParams params;               // stop strings of the template are added by the worker
};

struct GenerationTick {                // sent with each streamed piece
  int generatedTokens = 0;
  int contextUsed = 0;
  int contextSize = 0;
  double tokensPerSecond = 0;
};

struct GenerationOutcome {
  QString stopReason;                  // "eos" | "stop_string" | "max_tokens" | "context_full" | "cancelled"
  bool cancelled = false;
  int tokens = 0;
  double tokensPerSecond = 0;
  int promptTokens = 0;
  int truncatedPromptTokens = 0;
};

class GenerationWorker : public QObject {
  Q_OBJECT
public:
  explicit GenerationWorker(QObject* parent = nullptr);
  ~GenerationWorker() override;

  // Thread-safe. Cancels requests with id <= upToId (pass the running one's id).
  void requestStop(quint64 upToId);
  bool hasModel() const { return static_cast<bool>(model_); }

public Q_SLOTS:
  // Call through a queued connection / QMetaObject::invokeMethod.
  void loadModel(const QString& modelDir, const QString& device);
  void generate(const mindllm::ui::GenerationRequest& request);
  void unloadModel();

Q_SIGNALS:
  void modelLoading(const QString& modelDir);
  void modelLoaded(const mindllm::ui::ModelSummary& summary, const QString& device);
  void modelLoadFailed(const QString& modelDir, const QString& error);
  void generationStarted(quint64 requestId);
  void textReady(quint64 requestId, const QString& piece, const mindllm::ui::GenerationTick& tick);
  void generationFinished(quint64 requestId, const mindllm::ui::GenerationOutcome& outcome);
  void generationFailed(quint64 requestId, const QString& error);

private:
  // Loads the folder unless it is already loaded; on failure returns false and sets `error`.
  bool ensureModel(const QString& modelDir, const QString& device, QString* error = nullptr);
  bool isCancelled(quint64 id) const { return cancelledUpTo_.load() >= id; }

  std::shared_ptr<LoadedModel> model_;
  std::unique_ptr<Generator> generator_;
  QString modelDir_;
  QString device_;
  std::atomic<quint64> cancelledUpTo_{0};
  std::atomic<quint64> running_{0};
  std::atomic<bool> cancel_{false};
};

}  // namespace mindllm::ui

Q_DECLARE_METATYPE(mindllm::ui::GenerationRequest)
Q_DECLARE_METATYPE(mindllm::ui::GenerationTick)
Q_DECLARE_METATYPE(mindllm::ui::GenerationOutcome)
