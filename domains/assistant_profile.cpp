#include "domains/assistant_profile.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/util/error.h"

namespace mindllm {

namespace fs = std::filesystem;

void LocalizedText::set(const std::string& language, std::string text) { byLanguage_[language] = std::move(text); }

const std::string& LocalizedText::get(const std::string& language) const {
  static const std::string kEmpty;
  if (auto it = byLanguage_.find(language); it != byLanguage_.end()) return it->second;
  // "zh" or "zh_TW" asked for: the closest we have is zh_CN.
  const std::string base = language.substr(0, language.find('_'));
  for (const auto& [lang, text] : byLanguage_)
    if (lang.substr(0, lang.find('_')) == base) return text;
  if (auto it = byLanguage_.find("en"); it != byLanguage_.end()) return it->second;
  return byLanguage_.empty() ? kEmpty : byLanguage_.begin()->second;
}

std::vector<std::string> LocalizedText::languages() const {
  std::vector<std::string> out;
  for (const auto& entry : byLanguage_) out.push_back(entry.first);
  return out;
}

const std::vector<std::string>& AssistantProfile::startersFor(const std::string& language) const {
  static const std::vector<std::string> kNone;
  if (auto it = starterPrompts.find(language); it != starterPrompts.end()) return it->second;
  if (auto it = starterPrompts.find("en"); it != starterPrompts.end()) return it->second;
  return kNone;
}

namespace {

LocalizedText localized(const Json& doc, const std::string& key, bool required, const std::string& where) {
  LocalizedText text;
  if (!doc.contains(key)) {
    if (required) throw fileError(where, "field '" + key + "': missing");
    return text;
  }
  const Json& obj = doc.at(key);
  if (!obj.is_object()) throw fileError(where, "field '" + key + "': expected an object of language -> text");
  for (const auto& [lang, value] : obj.items()) {
    if (!value.is_string()) throw fileError(where, "field '" + key + "." + lang + "': expected a string");
    text.set(lang, value.get<std::string>());
  }
  // English is every text's fallback, so it must be there.
  if (required && (!text.has("en") || text.get("en").empty())) throw fileError(where, "field '" + key + "': needs a non-empty 'en' text");
  return text;
}

}  // namespace

AssistantProfile parseAssistantProfile(const Json& doc, const std::string& where) {
  if (!doc.is_object()) throw fileError(where, "expected a JSON object");
  AssistantProfile p;
  p.id = requireField<std::string>(doc, "id", where);
  if (p.id.empty()) throw fileError(where, "field 'id': must not be empty");
  p.order = optionalField<int>(doc, "order", 0, where);
  p.icon = optionalField<std::string>(doc, "icon", p.id, where);
  p.name = localized(doc, "name", true, where);
  p.description = localized(doc, "description", false, where);
  p.systemPrompt = localized(doc, "system_prompt", true, where);
  p.disclaimer = localized(doc, "disclaimer", true, where);
  if (doc.contains("starter_prompts")) {
    const Json& starters = doc.at("starter_prompts");
    if (!starters.is_object()) throw fileError(where, "field 'starter_prompts': expected an object of language -> list");
    for (const auto& [lang, list] : starters.items()) {
      if (!list.is_array()) throw fileError(where, "field 'starter_prompts." + lang + "': expected a list of strings");
      for (const auto& item : list) {
        if (!item.is_string()) throw fileError(where, "field 'starter_prompts." + lang + "': expected strings only");
        p.starterPrompts[lang].push_back(item.get<std::string>());
      }
    }
  }
  return p;
}

AssistantProfile parseAssistantProfile(const std::string& jsonText, const std::string& where) {
  Json doc;
  try {
    doc = Json::parse(jsonText);
  } catch (const Json::parse_error& e) {
    throw fileError(where, std::string("invalid JSON: ") + e.what());
  }
  return parseAssistantProfile(doc, where);
}

void sortAndCheckProfiles(std::vector<AssistantProfile>& profiles) {
  std::sort(profiles.begin(), profiles.end(), [](const AssistantProfile& a, const AssistantProfile& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  std::set<std::string> seen;
  for (const auto& p : profiles)
    if (!seen.insert(p.id).second) throw Error("assistant id '" + p.id + "' is defined twice");
}

std::vector<AssistantProfile> loadAssistantProfiles(const std::string& domainsDir) {
  if (!fs::is_directory(domainsDir)) throw fileError(domainsDir, "not a folder");
  std::vector<AssistantProfile> profiles;
  for (const auto& entry : fs::directory_iterator(domainsDir)) {
    const fs::path file = entry.path() / "assistant.json";
    if (!entry.is_directory() || !fs::exists(file)) continue;
    profiles.push_back(parseAssistantProfile(readJsonFile(file.string()), file.string()));
  }
  sortAndCheckProfiles(profiles);
  return profiles;
}

}  // namespace mindllm
