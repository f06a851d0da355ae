#pragma once
// An assistant (legal, financial, general) as data: names, system prompts and disclaimers in each
// UI language. The texts live in domains/<id>/assistant.json so that lawyers and analysts can edit
// them without touching code; the desktop app embeds the same files as Qt resources.
#include <map>
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm {

// A text per language code ("en", "zh_CN"). Lookups fall back to English, then to any language.
class LocalizedText {
public:
  void set(const std::string& language, std::string text);
  const std::string& get(const std::string& language) const;
  bool empty() const { return byLanguage_.empty(); }
  bool has(const std::string& language) const { return byLanguage_.count(language) > 0; }
  std::vector<std::string> languages() const;

private:
  std::map<std::string, std::string> byLanguage_;
};

struct AssistantProfile {
  std::string id;            // stored with each conversation ("law", "finance", "general")
  int order = 0;             // position in pickers
  std::string icon;          // icon name in the app's resources
  LocalizedText name;
  LocalizedText description;
  LocalizedText systemPrompt;
  LocalizedText disclaimer;
  std::map<std::string, std::vector<std::string>> starterPrompts;  // by language

  const std::vector<std::string>& startersFor(const std::string& language) const;
};

// Parses one assistant.json document; `where` names it in errors ("domains/law/assistant.json").
// Throws Error naming the field at fault.
AssistantProfile parseAssistantProfile(const Json& doc, const std::string& where);
AssistantProfile parseAssistantProfile(const std::string& jsonText, const std::string& where);

// Reads every <domainsDir>/<name>/assistant.json, ordered by "order" then id. Ids must be unique.
std::vector<AssistantProfile> loadAssistantProfiles(const std::string& domainsDir);

// Orders profiles for pickers and checks ids are unique (throws Error naming the duplicate).
void sortAndCheckProfiles(std::vector<AssistantProfile>& profiles);

}  // namespace mindllm
