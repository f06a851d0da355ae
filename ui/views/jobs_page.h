#pragma once
// The Jobs page: the list of fine-tuning jobs with state and progress on the left, the selected
// job in detail on the right, and New job… to start one.
#include <QWidget>

class QListView;
class QPushButton;
class QSplitter;

namespace mindllm::ui {

class JobDetailView;
class JobListModel;
class JobManager;
class ModelListModel;
class NewJobDialog;

class JobsPage : public QWidget {
  Q_OBJECT
public:
  JobsPage(JobManager* manager, ModelListModel* models, QWidget* parent = nullptr);

  void selectJob(qint64 id);
  qint64 selectedJob() const;
  // Opens the New job dialog (window-modal); creates the job when the user accepts.
  void showNewJobDialog();
  // The dialog, not shown yet, wired to create the job on accept; it deletes itself when closed.
  NewJobDialog* createNewJobDialog();
  void setDevices(const QStringList& devices) { devices_ = devices; }

  JobListModel* list() const { return list_; }
  QListView* listView() const { return view_; }
  JobDetailView* detail() const { return detail_; }
  QPushButton* newJobButton() const { return newJob_; }

Q_SIGNALS:
  void useModelRequested(const QString& modelDir);
  void errorOccurred(const QString& message);

private:
  JobManager* manager_;
  ModelListModel* models_;
  JobListModel* list_ = nullptr;
  QListView* view_ = nullptr;
  JobDetailView* detail_ = nullptr;
  QPushButton* newJob_ = nullptr;
  QStringList devices_ = {QStringLiteral("cpu")};
};

}  // namespace mindllm::ui
