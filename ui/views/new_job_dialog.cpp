#include "ui/views/new_job_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/jobs/job_hyperparameters.h"
#include "ui/models/job_manager.h"
#include "ui/models/model_list_model.h"
#include "ui/views/icons.h"
#include "ui/workers/dataset_check.h"

namespace mindllm::ui {

namespace {

QSpinBox* spin(QWidget* parent, int min, int max, const QString& special = {}) {
  auto* box = new QSpinBox(parent);
  box->setRange(min, max);
  if (!special.isEmpty()) box->setSpecialValueText(special);
  return box;
}

QString roleLabel(const std::string& role) {
  if (role == "system") return NewJobDialog::tr("System");
  if (role == "user") return NewJobDialog::tr("User");
  return NewJobDialog::tr("Assistant");
}

// `base`, or `base`-2, -3, ... : the first that no job has.
QString uniqueName(const std::vector<jobs::Job>& existing, const QString& base) {
  auto taken = [&](const QString& name) {
    for (const jobs::Job& j : existing)
      if (QString::fromStdString(j.name) == name) return true;
    return false;
  };
  QString name = base;
  for (int n = 2; taken(name); ++n) name = QStringLiteral("%1-%2").arg(base).arg(n);
  return name;
}

QString clip(const std::string& text, int chars) {
  QString s = QString::fromStdString(text);
  return s.size() > chars ? s.left(chars) + QStringLiteral("…") : s;
}

}  // namespace

NewJobDialog::NewJobDialog(JobManager* manager, ModelListModel* models, const QStringList& devices, QWidget* parent)
    : QDialog(parent), manager_(manager), models_(models), check_(new DatasetCheck(this)) {
  setWindowTitle(tr("New fine-tuning job"));
  setObjectName(QStringLiteral("newJobDialog"));
  check_->setProgram(manager_->program());

  name_ = new QLineEdit(this);
  name_->setObjectName(QStringLiteral("jobName"));
  nameHint_ = new QLabel(this);
  nameHint_->setObjectName(QStringLiteral("hint"));
  command_ = new QComboBox(this);
  command_->addItem(tr("Domain fine-tuning (law, finance, your documents)"), QStringLiteral("finetune"));
  command_->addItem(tr("Instruction tuning (chat behaviour)"), QStringLiteral("sft"));
  model_ = new QComboBox(this);
  model_->setObjectName(QStringLiteral("jobBaseModel"));
  for (int row = 0; row < models_->rowCount(); ++row) {
    const QModelIndex idx = models_->index(row);
    if (idx.data(ModelListModel::UsableRole).toBool())
      model_->addItem(idx.data(ModelListModel::NameRole).toString(), idx.data(ModelListModel::DirRole));
  }
  dataset_ = new QLineEdit(this);
  dataset_->setObjectName(QStringLiteral("jobDataset"));
  dataset_->setPlaceholderText(tr("Training data (JSONL: alpaca or sharegpt)"));
  valDataset_ = new QLineEdit(this);
  valDataset_->setPlaceholderText(tr("Optional; otherwise 5% of the training data"));
  auto* browse = new QPushButton(icons::get(QStringLiteral("folder")), tr("Browse…"), this);
  auto* browseVal = new QPushButton(icons::get(QStringLiteral("folder")), tr("Browse…"), this);
  format_ = new QComboBox(this);
  format_->addItem(tr("Detect"), QStringLiteral("auto"));
  format_->addItem(QStringLiteral("Alpaca"), QStringLiteral("alpaca"));
  format_->addItem(QStringLiteral("ShareGPT"), QStringLiteral("sharegpt"));
  domain_ = new QComboBox(this);
  domain_->addItem(tr("None"), QString());
  domain_->addItem(tr("Law"), QStringLiteral("law"));
  domain_->addItem(tr("Finance"), QStringLiteral("finance"));
  method_ = new QComboBox(this);
  method_->setObjectName(QStringLiteral("jobMethod"));
  method_->addItem(tr("LoRA (small adapter, less memory)"), QStringLiteral("lora"));
  method_->addItem(tr("Full fine-tuning (all weights)"), QStringLiteral("full"));
  device_ = new QComboBox(this);
  for (const QString& d : devices) device_->addItem(d.toUpper(), d);

  epochs_ = spin(this, 0, 1000, tr("use max steps"));
  maxSteps_ = spin(this, 1, 100'000'000);
  lr_ = new QDoubleSpinBox(this);
  lr_->setDecimals(7);
  lr_->setRange(1e-7, 1.0);
  lr_->setSingleStep(1e-5);
  microBatch_ = spin(this, 1, 4096);
  gradAccum_ = spin(this, 1, 4096);
  seqLen_ = spin(this, 8, 1 << 20);
  loraRank_ = spin(this, 1, 4096);
  loraAlpha_ = new QDoubleSpinBox(this);
  loraAlpha_->setRange(0.1, 1e6);
  checkpointEvery_ = spin(this, 0, 100'000'000, tr("only at the end"));
  evalEvery_ = spin(this, 0, 100'000'000, tr("only at the end"));

  resultIcon_ = new QLabel(this);
  resultIcon_->setFixedSize(20, 20);
  result_ = new QLabel(this);
  result_->setObjectName(QStringLiteral("jobCheckResult"));
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  preview_ = new QTextBrowser(this);
  preview_->setObjectName(QStringLiteral("datasetPreview"));
  preview_->setMinimumHeight(140);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  create_ = buttons_->addButton(tr("Create job"), QDialogButtonBox::AcceptRole);
  create_->setEnabled(false);
  connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
    if (valid_) accept();
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  // Layout: what and on what | how | the check and the preview.
  auto* what = new QFormLayout;
  what->addRow(tr("Name"), name_);
  what->addRow(QString(), nameHint_);
  what->addRow(tr("Kind"), command_);
  what->addRow(tr("Base model"), model_);
  auto* dataRow = new QHBoxLayout;
  dataRow->addWidget(dataset_, 1);
  dataRow->addWidget(browse);
  what->addRow(tr("Training data"), dataRow);
  auto* valRow = new QHBoxLayout;
  valRow->addWidget(valDataset_, 1);
  valRow->addWidget(browseVal);
  what->addRow(tr("Validation data"), valRow);
  what->addRow(tr("Format"), format_);
  what->addRow(tr("Domain"), domain_);

  auto* how = new QGroupBox(tr("Training"), this);
  auto* grid = new QFormLayout(how);
  grid->addRow(tr("Method"), method_);
  grid->addRow(tr("Device"), device_);
  grid->addRow(tr("Epochs"), epochs_);
  grid->addRow(tr("Max steps"), maxSteps_);
  grid->addRow(tr("Learning rate"), lr_);
  grid->addRow(tr("Micro-batch × accumulation"), [&] {
    auto* row = new QHBoxLayout;
    row->addWidget(microBatch_);
    row->addWidget(new QLabel(QStringLiteral("×"), how));
    row->addWidget(gradAccum_);
    return row;
  }());
  grid->addRow(tr("Sequence length"), seqLen_);
  grid->addRow(tr("LoRA rank / alpha"), [&] {
    auto* row = new QHBoxLayout;
    row->addWidget(loraRank_);
    row->addWidget(loraAlpha_);
    return row;
  }());
  grid->addRow(tr("Checkpoint every"), checkpointEvery_);
  grid->addRow(tr("Validate every"), evalEvery_);

  auto* resultRow = new QHBoxLayout;
  resultRow->addWidget(resultIcon_, 0, Qt::AlignTop);
  resultRow->addWidget(result_, 1);
  auto* left = new QVBoxLayout;
  left->addLayout(what);
  left->addLayout(resultRow);
  left->addWidget(new QLabel(tr("First samples, as the model will see them:"), this));
  left->addWidget(preview_, 1);
  auto* columns = new QHBoxLayout;
  columns->addLayout(left, 3);
  columns->addWidget(how, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns, 1);
  layout->addWidget(buttons_);
  resize(980, 620);

  debounce_.setSingleShot(true);
  debounce_.setInterval(300);
  connect(&debounce_, &QTimer::timeout, this, &NewJobDialog::runCheck);
  connect(check_, &DatasetCheck::previewReady, this, &NewJobDialog::showPreview);
  connect(check_, &DatasetCheck::finished, this, &NewJobDialog::showResult);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Training data"), dataset_->text(),
                                                      tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (!path.isEmpty()) setDataset(path);
  });
  connect(browseVal, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Validation data"), valDataset_->text(),
                                                      tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (!path.isEmpty()) setValidationDataset(path);
  });
  connect(name_, &QLineEdit::textChanged, this, &NewJobDialog::updateCreate);
  connect(model_, &QComboBox::currentIndexChanged, this, [this] {
    applyDefaults();
    scheduleCheck();
  });
  connect(method_, &QComboBox::currentIndexChanged, this, [this] {
    applyDefaults();
    scheduleCheck();
  });
  connect(command_, &QComboBox::currentIndexChanged, this, [this] {
    // The commands' own defaults: domain fine-tuning with LoRA, instruction tuning in full.
    setMethod(command_->currentData().toString() == QLatin1String("sft") ? QStringLiteral("full") : QStringLiteral("lora"));
    scheduleCheck();
  });
  connect(dataset_, &QLineEdit::editingFinished, this, &NewJobDialog::scheduleCheck);
  connect(valDataset_, &QLineEdit::editingFinished, this, &NewJobDialog::scheduleCheck);
  for (QComboBox* c : {format_, domain_, device_}) connect(c, &QComboBox::currentIndexChanged, this, &NewJobDialog::scheduleCheck);
  // Epochs decide the number of steps when set; max steps only count without them.
  connect(epochs_, &QSpinBox::valueChanged, this, [this](int epochs) { maxSteps_->setEnabled(epochs == 0); });
  for (QSpinBox* s : {epochs_, maxSteps_, microBatch_, gradAccum_, seqLen_, loraRank_, checkpointEvery_, evalEvery_})
    connect(s, &QSpinBox::valueChanged, this, &NewJobDialog::scheduleCheck);
  for (QDoubleSpinBox* s : {lr_, loraAlpha_}) connect(s, &QDoubleSpinBox::valueChanged, this, &NewJobDialog::scheduleCheck);

  applyDefaults();
  showResult(false, tr("Choose the training data."));
}

void NewJobDialog::setProgram(const QString& program) { check_->setProgram(program); }

void NewJobDialog::setDataset(const QString& path) {
  dataset_->setText(QDir::toNativeSeparators(path));
  scheduleCheck();
}

void NewJobDialog::setValidationDataset(const QString& path) {
  valDataset_->setText(QDir::toNativeSeparators(path));
  scheduleCheck();
}

void NewJobDialog::setBaseModel(const QString& dir) {
  const int i = model_->findData(QDir::cleanPath(dir));
  if (i >= 0) model_->setCurrentIndex(i);
}

void NewJobDialog::setMethod(const QString& method) {
  const int i = method_->findData(method);
  if (i >= 0) method_->setCurrentIndex(i);
}

void NewJobDialog::applyDefaults() {
  const QString dir = model_->currentData().toString();
  const int row = models_->rowOfDir(dir);
  const qint64 parameters = row >= 0 ? models_->index(row).data(ModelListModel::ParametersRole).toLongLong() : 0;
  const int context = row >= 0 ? models_->index(row).data(ModelListModel::ContextLengthRole).toInt() : 0;
  const QString method = method_->currentData().toString();
  const jobs::JobHyperparameters h = jobs::defaultHyperparameters(parameters, context, method.toStdString());
  const QSignalBlocker blockers[] = {QSignalBlocker(epochs_), QSignalBlocker(maxSteps_), QSignalBlocker(lr_),
                                     QSignalBlocker(microBatch_), QSignalBlocker(gradAccum_), QSignalBlocker(seqLen_),
                                     QSignalBlocker(loraRank_), QSignalBlocker(loraAlpha_),
                                     QSignalBlocker(checkpointEvery_), QSignalBlocker(evalEvery_)};
  epochs_->setValue(static_cast<int>(h.epochs));
  maxSteps_->setEnabled(h.epochs == 0);
  maxSteps_->setValue(static_cast<int>(h.maxSteps));
  lr_->setValue(h.lr);
  microBatch_->setValue(static_cast<int>(h.microBatch));
  gradAccum_->setValue(static_cast<int>(h.gradAccum));
  seqLen_->setValue(static_cast<int>(h.seqLen));
  if (context > 0) seqLen_->setMaximum(context);
  loraRank_->setValue(static_cast<int>(h.lora.rank));
  loraAlpha_->setValue(h.lora.alpha);
  checkpointEvery_->setValue(static_cast<int>(h.checkpointEvery));
  evalEvery_->setValue(static_cast<int>(h.evalEvery));
  const bool lora = method == QLatin1String("lora");
  loraRank_->setEnabled(lora);
  loraAlpha_->setEnabled(lora);

  // A name that says what it is, unless the user typed one.
  if (!name_->isModified()) {
    const QString model = model_->currentText().isEmpty() ? QStringLiteral("model") : model_->currentText();
    name_->setText(uniqueName(manager_->jobs(), QStringLiteral("%1-%2").arg(model, method)));
  }
}

jobs::JobDraft NewJobDialog::draft() const {
  jobs::JobDraft d;
  d.name = name_->text().trimmed().toStdString();
  d.command = command_->currentData().toString().toStdString();
  d.baseModel = model_->currentData().toString().toStdString();
  d.dataset = QDir::fromNativeSeparators(dataset_->text().trimmed()).toStdString();
  d.valDataset = QDir::fromNativeSeparators(valDataset_->text().trimmed()).toStdString();
  d.method = method_->currentData().toString().toStdString();
  d.device = device_->currentData().toString().toStdString();
  jobs::JobHyperparameters& h = d.hyperparameters;
  h.epochs = epochs_->value();
  h.maxSteps = maxSteps_->value();
  h.lr = lr_->value();
  h.microBatch = microBatch_->value();
  h.gradAccum = gradAccum_->value();
  h.seqLen = seqLen_->value();
  h.lora.rank = loraRank_->value();
  h.lora.alpha = loraAlpha_->value();
  h.checkpointEvery = checkpointEvery_->value();
  h.evalEvery = evalEvery_->value();
  h.format = format_->currentData().toString().toStdString();
  h.domain = domain_->currentData().toString().toStdString();
  return d;
}

void NewJobDialog::scheduleCheck() {
  checkOk_ = false;
  updateCreate();
  debounce_.start();
}

void NewJobDialog::runCheck() {
  const jobs::JobDraft d = draft();
  preview_->clear();
  if (d.baseModel.empty()) {
    showResult(false, tr("No usable base model: import one from the Models menu first."));
    return;
  }
  if (d.dataset.empty()) {
    showResult(false, tr("Choose the training data."));
    return;
  }
  resultIcon_->clear();
  result_->setText(tr("Checking %1…").arg(QFileInfo(QString::fromStdString(d.dataset)).fileName()));
  check_->start(d);
}

void NewJobDialog::showPreview(const jobs::DatasetPreview& preview) {
  if (preview.compressed) {
    preview_->setPlainText(tr("A compressed file has no preview here; the check reads every line of it."));
    return;
  }
  QString html = QStringLiteral("<p style='color:#5b6779'>%1</p>")
                     .arg(tr("%n sample(s), format %1", nullptr, static_cast<int>(preview.samples))
                              .arg(QString::fromStdString(preview.format)));
  for (const jobs::PreviewSample& s : preview.first) {
    html += QStringLiteral("<p><b>%1</b><br>").arg(tr("Line %1").arg(s.line));
    for (const jobs::PreviewTurn& t : s.turns)
      html += QStringLiteral("<i>%1:</i> %2<br>").arg(roleLabel(t.role), clip(t.text, 400).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    html += QStringLiteral("</p>");
  }
  preview_->setHtml(html);
}

void NewJobDialog::showResult(bool ok, const QString& text) {
  checkOk_ = ok;
  resultIcon_->setPixmap(icons::get(ok ? QStringLiteral("check") : QStringLiteral("error")).pixmap(18, 18));
  result_->setText(ok ? tr("Ready: %1").arg(text) : text);
  result_->setProperty("error", !ok);
  updateCreate();
  Q_EMIT validated(valid_);
}

QString NewJobDialog::nameProblem() const {
  const std::string name = name_->text().trimmed().toStdString();
  try {
    jobs::validateJobName(name);
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  for (const jobs::Job& j : manager_->jobs())
    if (j.name == name) return tr("Another job is already called %1.").arg(QString::fromStdString(name));
  return {};
}

void NewJobDialog::updateCreate() {
  const QString problem = nameProblem();
  nameHint_->setText(problem);
  nameHint_->setVisible(!problem.isEmpty());
  valid_ = checkOk_ && problem.isEmpty() && !check_->isRunning() && !debounce_.isActive();
  create_->setEnabled(valid_);
}

QString NewJobDialog::resultText() const { return result_->text(); }
QString NewJobDialog::previewText() const { return preview_->toPlainText(); }

}  // namespace mindllm::ui
