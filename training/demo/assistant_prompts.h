#pragma once
// The system prompts of the app's assistants (domains/<pack>/assistant.json), so that instruction
// tuning and the build's answer check use the exact text the chat app sends.
#include <string>

namespace mindllm::demo {

// `pack` is a folder of domains/ ("law", "finance", "general"); `language` "zh" or "en".
// Throws Error naming the file or the missing field.
std::string assistantSystemPrompt(const std::string& domainsDir, const std::string& pack, const std::string& language);

}  // namespace mindllm::demo
