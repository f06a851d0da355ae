#include "ui/app_settings.h"

#include <QDir>

namespace mindllm::ui {

AppSettings::AppSettings() : settings_(std::make_unique<QSettings>()) {}
AppSettings::AppSettings(const QString& iniPath)
    : settings_(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

QString AppSettings::languageOverride() const { return settings_->value("ui/language").toString(); }
void AppSettings::setLanguageOverride(const QString& language) { settings_->setValue("ui/language", language); }

QString AppSettings::device() const { return settings_->value("generation/device", "cpu").toString(); }
void AppSettings::setDevice(const QString& device) { settings_->setValue("generation/device", device); }

QString AppSettings::defaultModel() const { return settings_->value("models/default").toString(); }
void AppSettings::setDefaultModel(const QString& path) { settings_->setValue("models/default", path); }

QStringList AppSettings::importedModels() const { return settings_->value("models/imported").toStringList(); }
void AppSettings::addImportedModel(const QString& path) {
  QStringList list = importedModels();
  const QString clean = QDir::cleanPath(path);
  if (!list.contains(clean)) list << clean;
  settings_->setValue("models/imported", list);
}
void AppSettings::removeImportedModel(const QString& path) {
  QStringList list = importedModels();
  list.removeAll(QDir::cleanPath(path));
  settings_->setValue("models/imported", list);
}

QString AppSettings::lastExportFolder() const {
  return settings_->value("export/folder", QDir::homePath()).toString();
}
void AppSettings::setLastExportFolder(const QString& folder) { settings_->setValue("export/folder", folder); }

QByteArray AppSettings::windowGeometry() const { return settings_->value("window/geometry").toByteArray(); }
QByteArray AppSettings::windowState() const { return settings_->value("window/state").toByteArray(); }
void AppSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
  settings_->setValue("window/geometry", geometry);
  settings_->setValue("window/state", state);
}

}  // namespace mindllm::ui
