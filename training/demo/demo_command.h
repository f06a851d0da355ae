#pragma once
// mindllm-cli demo build (docs/DEMO_MODEL.md).
#include <string>
#include <vector>

#include "core/cli/command.h"

namespace mindllm::cli {

// Registers "demo build".
void registerDemoCommands(CommandRegistry& registry);
int runDemoBuildCommand(const std::vector<std::string>& args);

}  // namespace mindllm::cli
