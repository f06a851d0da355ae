#pragma once
// A domain pack (domains/<name>/): the assistant's system prompts in Chinese and English
// (assistant.json) and the pack's sample instruction sets (sft_alpaca.jsonl, sft_sharegpt.jsonl).
// The folder of packs is $MINDLLM_DOMAINS_DIR, else the source tree's domains/ (built in).
#include <string>
#include <vector>

#include "training/sft/example_encoder.h"

namespace mindllm::sft {

struct DomainPack {
  std::string name, dir;
  SystemPrompt systemPrompt;  // by language
  std::string alpacaFile, shareGptFile;
};

std::string domainsDir();
std::vector<std::string> domainNames();  // folders of domainsDir() with an assistant.json
// Throws Error naming `where` and listing the known packs for an unknown name.
DomainPack loadDomainPack(const std::string& name, const std::string& where);

}  // namespace mindllm::sft
