#include "training/cli/training_commands.h"

namespace mindllm::cli {

void registerTrainingCommands(CommandRegistry& registry) {
  registerDataCommands(registry);
  registerTokenizerCommands(registry);
  registerPretokenizeCommands(registry);
}

}  // namespace mindllm::cli
