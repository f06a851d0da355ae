#include "ui/views/preferences_dialog.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/app_settings.h"
#include "ui/language.h"
#include "ui/models/model_list_model.h"

namespace mindllm::ui {

PreferencesDialog::PreferencesDialog(AppSettings& settings, const QStringList& devices, QAbstractItemModel* models,
                                     const QString& currentDefaultModel, QWidget* parent)
    : QDialog(parent), settings_(settings) {
  setWindowTitle(tr("Preferences"));
  setObjectName(QStringLiteral("preferencesDialog"));

  language_ = new QComboBox(this);
  language_->addItem(tr("System default (%1)").arg(languageDisplayName(chooseLanguage({}))), QString());
  language_->addItem(languageDisplayName(QStringLiteral("en")), QStringLiteral("en"));
  language_->addItem(languageDisplayName(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
  language_->setCurrentIndex(std::max(0, language_->findData(settings_.languageOverride())));

  device_ = new QComboBox(this);
  for (const QString& d : devices)
    device_->addItem(d == QLatin1String("cpu") ? tr("CPU") : tr("GPU (%1)").arg(d), d);
  device_->setCurrentIndex(std::max(0, device_->findData(settings_.device())));
  if (devices.size() <= 1) device_->setToolTip(tr("No CUDA device was found; models run on the CPU."));

  model_ = new QComboBox(this);
  for (int row = 0; models && row < models->rowCount(); ++row) {
    const QModelIndex idx = models->index(row, 0);
    if (!idx.data(ModelListModel::UsableRole).toBool()) continue;
    model_->addItem(idx.data(ModelListModel::NameRole).toString(), idx.data(ModelListModel::DirRole));
  }
  if (model_->count() == 0) model_->addItem(tr("No model available"), QString());
  model_->setCurrentIndex(std::max(0, model_->findData(currentDefaultModel)));

  auto* form = new QFormLayout;
  form->addRow(tr("Language"), language_);
  form->addRow(tr("Compute device"), device_);
  form->addRow(tr("Default model"), model_);
  auto* note = new QLabel(tr("A new language applies the next time MindLLM Studio starts."), this);
  note->setObjectName(QStringLiteral("hint"));
  note->setWordWrap(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addStretch();
  layout->addWidget(buttons);
  resize(460, 220);
}

QString PreferencesDialog::device() const { return device_->currentData().toString(); }
QString PreferencesDialog::defaultModel() const { return model_->currentData().toString(); }

bool PreferencesDialog::apply() {
  const QString language = language_->currentData().toString();
  const bool languageChanged = language != settings_.languageOverride();
  settings_.setLanguageOverride(language);
  settings_.setDevice(device());
  if (!defaultModel().isEmpty()) settings_.setDefaultModel(defaultModel());
  return languageChanged;
}

}  // namespace mindllm::ui
