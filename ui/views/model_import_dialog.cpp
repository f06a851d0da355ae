#include "ui/views/model_import_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/models/model_list_model.h"
#include "ui/views/icons.h"
#include "ui/workers/background_task.h"

namespace mindllm::ui {

ModelImportDialog::ModelImportDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Import model"));
  setObjectName(QStringLiteral("modelImportDialog"));
  auto* intro = new QLabel(tr("Choose a model folder in the Hugging Face layout: config.json, the weights "
                              "(*.safetensors or pytorch_model.bin) and the tokenizer files."),
                           this);
  intro->setWordWrap(true);
  path_ = new QLineEdit(this);
  path_->setObjectName(QStringLiteral("modelFolder"));
  path_->setPlaceholderText(tr("Model folder"));
  auto* browse = new QPushButton(icons::get(QStringLiteral("folder")), tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), path_->text());
    if (!dir.isEmpty()) setFolder(dir);
  });
  connect(path_, &QLineEdit::editingFinished, this, &ModelImportDialog::validate);

  resultIcon_ = new QLabel(this);
  resultIcon_->setFixedSize(20, 20);
  result_ = new QLabel(this);
  result_->setObjectName(QStringLiteral("importResult"));
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  result_->setMinimumHeight(60);
  result_->setAlignment(Qt::AlignLeft | Qt::AlignTop);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  auto* import = buttons_->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  import->setEnabled(false);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(this, &ModelImportDialog::validated, import, &QPushButton::setEnabled);

  auto* row = new QHBoxLayout;
  row->addWidget(path_, 1);
  row->addWidget(browse);
  auto* resultRow = new QHBoxLayout;
  resultRow->addWidget(resultIcon_, 0, Qt::AlignTop);
  resultRow->addWidget(result_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(row);
  layout->addLayout(resultRow);
  layout->addStretch();
  layout->addWidget(buttons_);
  resize(560, 240);
}

void ModelImportDialog::setFolder(const QString& dir) {
  path_->setText(QDir::toNativeSeparators(dir));
  validate();
}

QString ModelImportDialog::resultText() const { return result_->text(); }

void ModelImportDialog::validate() {
  const QString dir = QDir::fromNativeSeparators(path_->text().trimmed());
  valid_ = false;
  Q_EMIT validated(false);
  if (dir.isEmpty()) {
    result_->clear();
    resultIcon_->clear();
    return;
  }
  result_->setText(tr("Checking %1…").arg(dir));
  resultIcon_->clear();
  const quint64 check = ++check_;
  runInBackground<ModelSummary>(
      this, [dir] { return inspectModel(dir); },
      [this, check](ModelSummary s) {
        if (check != check_) return;
        summary_ = s;
        valid_ = true;
        resultIcon_->setPixmap(icons::get(QStringLiteral("check")).pixmap(18, 18));
        result_->setText(tr("<b>%1</b><br>%2<br>Weights: %3 · tokenizer: %4 · chat template: %5")
                             .arg(s.name.toHtmlEscaped(), ModelListModel::describe(s).toHtmlEscaped(),
                                  s.weightsFormat, s.tokenizerKind, s.chatTemplate));
        Q_EMIT validated(true);
      },
      [this, check](const QString& error) {
        if (check != check_) return;
        resultIcon_->setPixmap(icons::get(QStringLiteral("error")).pixmap(18, 18));
        result_->setText(tr("This folder cannot be used:<br><span style='color:#c62828'>%1</span>")
                             .arg(error.toHtmlEscaped()));
        Q_EMIT validated(false);
      });
}

}  // namespace mindllm::ui
