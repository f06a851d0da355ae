#include "training/demo/assistant_prompts.h"

#include "core/util/error.h"
#include "core/util/json_file.h"

namespace mindllm::demo {

std::string assistantSystemPrompt(const std::string& domainsDir, const std::string& pack, const std::string& language) {
  const std::string path = domainsDir + "/" + pack + "/assistant.json";
  const Json profile = readJsonFile(path);
  const std::string key = language == "zh" ? "zh_CN" : language;  // the app's UI language names
  const auto prompts = profile.find("system_prompt");
  if (prompts == profile.end() || !prompts->is_object() || !prompts->contains(key) || !(*prompts)[key].is_string())
    throw fileError(path, "field 'system_prompt." + key + "': expected a string");
  return (*prompts)[key].get<std::string>();
}

}  // namespace mindllm::demo
