#include "training/cli/training_commands.h"

#include "training/demo/demo_command.h"
#include "training/eval/eval_commands.h"
#include "training/sft/sft_command.h"
#include "training/trainer/pretrain_command.h"

namespace mindllm::cli {

void registerTrainingCommands(CommandRegistry& registry) {
  registerDataCommands(registry);
  registerTokenizerCommands(registry);
  registerPretokenizeCommands(registry);
  registerTrainerCommands(registry);
  registerSftCommands(registry);
  registerEvalCommands(registry);
  registerDemoCommands(registry);
}

}  // namespace mindllm::cli
