#pragma once
// The app's preferences in QSettings, with their keys in one place: UI language override, compute
// device, default model, imported model folders, window layout.
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <memory>

namespace mindllm::ui {

class AppSettings {
public:
  AppSettings();                                   // the app's QSettings (organisation/app name)
  explicit AppSettings(const QString& iniPath);    // a given file (tests, --data-dir)

  // "" = follow the system locale; otherwise "en" or "zh_CN".
  QString languageOverride() const;
  void setLanguageOverride(const QString& language);

  QString device() const;                          // "cpu" (default), "cuda", "cuda:1"
  void setDevice(const QString& device);

  QString defaultModel() const;                    // a model folder path; "" = first in the list
  void setDefaultModel(const QString& path);

  QStringList importedModels() const;
  void addImportedModel(const QString& path);
  void removeImportedModel(const QString& path);

  QString lastExportFolder() const;
  void setLastExportFolder(const QString& folder);

  QByteArray windowGeometry() const;
  QByteArray windowState() const;
  void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

  QSettings& raw() { return *settings_; }

private:
  std::unique_ptr<QSettings> settings_;
};

}  // namespace mindllm::ui
