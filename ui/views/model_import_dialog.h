#pragma once
// Import a Hugging Face model folder: pick it, the dialog inspects it on a worker thread
// (config.json, weight headers, tokenizer) and either summarises the model or says exactly which
// file is wrong and why. Import is enabled only for a folder that passed.
#include <QDialog>

#include "ui/workers/model_files.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mindllm::ui {

class ModelImportDialog : public QDialog {
  Q_OBJECT
public:
  explicit ModelImportDialog(QWidget* parent = nullptr);

  void setFolder(const QString& dir);  // starts validation
  const ModelSummary& summary() const { return summary_; }
  bool isValid() const { return valid_; }
  QString resultText() const;

Q_SIGNALS:
  void validated(bool ok);

private:
  void validate();

  QLineEdit* path_ = nullptr;
  QLabel* resultIcon_ = nullptr;
  QLabel* result_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  ModelSummary summary_;
  bool valid_ = false;
  quint64 check_ = 0;
};

}  // namespace mindllm::ui
