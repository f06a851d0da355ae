#pragma once
// The assistants the app offers, read from the assistant.json files in domains/ that are embedded
// as Qt resources (:/assistants/<id>.json). Texts come back in the UI language.
#include <QIcon>
#include <QString>
#include <QStringList>
#include <vector>

#include "domains/assistant_profile.h"

namespace mindllm::ui {

class AssistantCatalog {
public:
  // Loads every :/assistants/*.json; throws mindllm::Error naming the file at fault.
  static AssistantCatalog fromResources();
  // For tests and tools: the domains/ folder of a source tree.
  static AssistantCatalog fromFolder(const QString& domainsDir);

  const std::vector<AssistantProfile>& profiles() const { return profiles_; }
  QStringList ids() const;
  bool contains(const QString& id) const;
  // The profile for `id`; an unknown id (a newer database) falls back to the general assistant.
  const AssistantProfile& profile(const QString& id) const;

  // Texts in `language` ("en" or "zh_CN").
  QString name(const QString& id, const QString& language) const;
  QString description(const QString& id, const QString& language) const;
  QString systemPrompt(const QString& id, const QString& language) const;
  QString disclaimer(const QString& id, const QString& language) const;
  QStringList starterPrompts(const QString& id, const QString& language) const;
  QIcon icon(const QString& id) const;

  QString defaultId() const;  // "general" when present

private:
  std::vector<AssistantProfile> profiles_;
};

}  // namespace mindllm::ui
