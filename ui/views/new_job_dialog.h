#pragma once
// New fine-tuning job: a name, the kind of tuning, a base model from the model list, a dataset
// file (checked on a worker and by the command's --check, with a preview of the first samples as
// the conversations they become), LoRA or full fine-tuning, hyperparameters whose defaults follow
// the model's size, and the device. Create is enabled only for a job whose check passed.
#include <QDialog>
#include <QTimer>

#include "core/jobs/dataset_preview.h"
#include "core/jobs/job_record.h"

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace mindllm::ui {

class DatasetCheck;
class JobManager;
class ModelListModel;

class NewJobDialog : public QDialog {
  Q_OBJECT
public:
  NewJobDialog(JobManager* manager, ModelListModel* models, const QStringList& devices, QWidget* parent = nullptr);

  // The job as the form describes it now.
  jobs::JobDraft draft() const;
  bool isValid() const { return valid_; }
  QString resultText() const;
  QString previewText() const;

  void setDataset(const QString& path);           // starts a check
  void setValidationDataset(const QString& path); // starts a check
  void setBaseModel(const QString& dir);          // also resets the hyperparameters to its defaults
  void setMethod(const QString& method);          // "lora" | "full"; resets the learning rate
  void setProgram(const QString& program);        // the command that checks (tests)

  QLineEdit* nameEdit() const { return name_; }
  QComboBox* modelPicker() const { return model_; }
  QComboBox* methodPicker() const { return method_; }
  QSpinBox* epochsBox() const { return epochs_; }
  QSpinBox* maxStepsBox() const { return maxSteps_; }
  QSpinBox* microBatchBox() const { return microBatch_; }
  QSpinBox* gradAccumBox() const { return gradAccum_; }
  QSpinBox* checkpointEveryBox() const { return checkpointEvery_; }
  QSpinBox* evalEveryBox() const { return evalEvery_; }
  QSpinBox* seqLenBox() const { return seqLen_; }
  QDoubleSpinBox* learningRateBox() const { return lr_; }
  QSpinBox* loraRankBox() const { return loraRank_; }
  QPushButton* createButton() const { return create_; }

Q_SIGNALS:
  // After each check: ok = the job can be created.
  void validated(bool ok);

private:
  void applyDefaults();
  void scheduleCheck();
  void runCheck();
  void showPreview(const jobs::DatasetPreview& preview);
  void showResult(bool ok, const QString& text);
  QString nameProblem() const;
  void updateCreate();

  JobManager* manager_;
  ModelListModel* models_;
  DatasetCheck* check_;
  QTimer debounce_;
  bool valid_ = false;
  bool checkOk_ = false;

  QLineEdit* name_ = nullptr;
  QComboBox* command_ = nullptr;
  QComboBox* model_ = nullptr;
  QLineEdit* dataset_ = nullptr;
  QLineEdit* valDataset_ = nullptr;
  QComboBox* format_ = nullptr;
  QComboBox* domain_ = nullptr;
  QComboBox* method_ = nullptr;
  QComboBox* device_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* maxSteps_ = nullptr;
  QDoubleSpinBox* lr_ = nullptr;
  QSpinBox* microBatch_ = nullptr;
  QSpinBox* gradAccum_ = nullptr;
  QSpinBox* seqLen_ = nullptr;
  QSpinBox* loraRank_ = nullptr;
  QDoubleSpinBox* loraAlpha_ = nullptr;
  QSpinBox* checkpointEvery_ = nullptr;
  QSpinBox* evalEvery_ = nullptr;
  QLabel* resultIcon_ = nullptr;
  QLabel* result_ = nullptr;
  QLabel* nameHint_ = nullptr;
  QTextBrowser* preview_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* create_ = nullptr;
};

}  // namespace mindllm::ui
