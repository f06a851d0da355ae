#include "training/sft/domain_pack.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "domains/assistant_profile.h"

namespace fs = std::filesystem;

namespace mindllm::sft {

std::string domainsDir() {
  if (const char* env = std::getenv("MINDLLM_DOMAINS_DIR"); env && *env) return env;
  return MINDLLM_DEFAULT_DOMAINS_DIR;
}

std::vector<std::string> domainNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(domainsDir(), ec))
    if (fs::exists(entry.path() / "assistant.json")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

DomainPack loadDomainPack(const std::string& name, const std::string& where) {
  const fs::path dir = fs::path(domainsDir()) / name;
  const fs::path profilePath = dir / "assistant.json";
  if (name.empty() || name.find('/') != std::string::npos || !fs::exists(profilePath)) {
    std::string list;
    for (const auto& n : domainNames()) list += (list.empty() ? "" : ", ") + n;
    throw Error(where + ": unknown domain pack \"" + name + "\" (packs in " + domainsDir() + ": " + list + ")");
  }
  const AssistantProfile profile = parseAssistantProfile(readFile(profilePath.string()), profilePath.string());
  DomainPack pack;
  pack.name = name;
  pack.dir = dir.string();
  pack.systemPrompt.zh = profile.systemPrompt.get("zh_CN");
  pack.systemPrompt.en = profile.systemPrompt.get("en");
  pack.alpacaFile = (dir / "sft_alpaca.jsonl").string();
  pack.shareGptFile = (dir / "sft_sharegpt.jsonl").string();
  return pack;
}

}  // namespace mindllm::sft
