#pragma once
// App preferences: UI language (system, English, 简体中文; applied on the next start), compute
// device (CPU, or a CUDA device when one is present) and the default model.
#include <QDialog>

class QAbstractItemModel;
class QComboBox;

namespace mindllm::ui {

class AppSettings;

class PreferencesDialog : public QDialog {
  Q_OBJECT
public:
  PreferencesDialog(AppSettings& settings, const QStringList& devices, QAbstractItemModel* models,
                    const QString& currentDefaultModel, QWidget* parent = nullptr);

  // Writes the choices to the settings; returns true when the language changed (restart needed).
  bool apply();
  QString device() const;
  QString defaultModel() const;

private:
  AppSettings& settings_;
  QComboBox* language_ = nullptr;
  QComboBox* device_ = nullptr;
  QComboBox* model_ = nullptr;
};

}  // namespace mindllm::ui
