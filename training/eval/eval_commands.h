#pragma once
// mindllm-cli eval (run one task on a model folder, print the table, save the JSON report) and
// mindllm-cli eval compare (several reports side by side).
#include "core/cli/command.h"

namespace mindllm::cli {

void registerEvalCommands(CommandRegistry& registry);

}  // namespace mindllm::cli
