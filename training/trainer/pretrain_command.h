#pragma once
// mindllm-cli pretrain: trains a model from a JSON run config (docs/TRAINING.md).
#include <string>
#include <vector>

#include "core/cli/command.h"

namespace mindllm::cli {

// Registers "pretrain".
void registerTrainerCommands(CommandRegistry& registry);

// The command itself (exit code), callable by tests and launchers without the registry.
int runPretrainCommand(const std::vector<std::string>& args);

}  // namespace mindllm::cli
