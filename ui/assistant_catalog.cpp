#include "ui/assistant_catalog.h"

#include <QDir>
#include <QFile>

#include "core/util/error.h"
#include "ui/views/icons.h"

namespace mindllm::ui {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

AssistantCatalog AssistantCatalog::fromResources() {
  AssistantCatalog catalog;
  const QDir dir(QStringLiteral(":/assistants"));
  for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::ReadOnly)) throw fileError(file.fileName().toStdString(), "cannot read resource");
    catalog.profiles_.push_back(
        parseAssistantProfile(file.readAll().toStdString(), file.fileName().toStdString()));
  }
  if (catalog.profiles_.empty()) throw Error("no assistant profiles in the app resources (:/assistants)");
  sortAndCheckProfiles(catalog.profiles_);
  return catalog;
}

AssistantCatalog AssistantCatalog::fromFolder(const QString& domainsDir) {
  AssistantCatalog catalog;
  catalog.profiles_ = loadAssistantProfiles(domainsDir.toStdString());
  return catalog;
}

QStringList AssistantCatalog::ids() const {
  QStringList out;
  for (const auto& p : profiles_) out << qs(p.id);
  return out;
}

bool AssistantCatalog::contains(const QString& id) const {
  for (const auto& p : profiles_)
    if (qs(p.id) == id) return true;
  return false;
}

const AssistantProfile& AssistantCatalog::profile(const QString& id) const {
  for (const auto& p : profiles_)
    if (qs(p.id) == id) return p;
  for (const auto& p : profiles_)
    if (p.id == "general") return p;
  return profiles_.front();
}

QString AssistantCatalog::name(const QString& id, const QString& language) const {
  return qs(profile(id).name.get(language.toStdString()));
}
QString AssistantCatalog::description(const QString& id, const QString& language) const {
  return qs(profile(id).description.get(language.toStdString()));
}
QString AssistantCatalog::systemPrompt(const QString& id, const QString& language) const {
  return qs(profile(id).systemPrompt.get(language.toStdString()));
}
QString AssistantCatalog::disclaimer(const QString& id, const QString& language) const {
  return qs(profile(id).disclaimer.get(language.toStdString()));
}
QStringList AssistantCatalog::starterPrompts(const QString& id, const QString& language) const {
  QStringList out;
  for (const auto& s : profile(id).startersFor(language.toStdString())) out << qs(s);
  return out;
}
QIcon AssistantCatalog::icon(const QString& id) const { return icons::get(qs(profile(id).icon)); }

QString AssistantCatalog::defaultId() const {
  return contains(QStringLiteral("general")) ? QStringLiteral("general") : qs(profiles_.front().id);
}

}  // namespace mindllm::ui
