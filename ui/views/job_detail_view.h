#pragma once
// One job in detail: what it trains, a progress bar with the ETA, the live loss chart, the log,
// and the actions its state allows (Pause, Resume, Cancel, Use in chat, Delete).
#include <QTimer>
#include <functional>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace mindllm::ui {

class JobManager;
class LossChart;

class JobDetailView : public QWidget {
  Q_OBJECT
public:
  explicit JobDetailView(JobManager* manager, QWidget* parent = nullptr);

  void showJob(qint64 id);  // 0 = none
  qint64 jobId() const { return id_; }

  LossChart* chart() const { return chart_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* progressLabel() const { return progressText_; }
  QLabel* stateLabel() const { return state_; }
  QLabel* errorLabel() const { return error_; }
  QPlainTextEdit* logView() const { return log_; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* resumeButton() const { return resume_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* useButton() const { return use_; }
  QPushButton* deleteButton() const { return delete_; }

Q_SIGNALS:
  void useModelRequested(const QString& modelDir);
  void errorOccurred(const QString& message);

private:
  void refreshJob();
  void refreshProgress();
  void onLog(qint64 id, bool reset, const QString& appended);
  void act(const std::function<void()>& action);

  JobManager* manager_;
  qint64 id_ = 0;
  QTimer etaTimer_;
  QWidget* content_ = nullptr;
  QLabel* empty_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* state_ = nullptr;
  QLabel* info_ = nullptr;
  QLabel* error_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* progressText_ = nullptr;
  LossChart* chart_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* resume_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* use_ = nullptr;
  QPushButton* delete_ = nullptr;
};

}  // namespace mindllm::ui
