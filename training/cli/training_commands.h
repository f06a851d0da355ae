#pragma once
// The training side's mindllm-cli subcommands. registerTrainingCommands() adds them all; each
// family registers itself from its own file (data_commands.cpp, tokenizer_commands.cpp,
// pretokenize_command.cpp; pretrain, eval and demo register from their own libraries).
#include "core/cli/command.h"

namespace mindllm::cli {

void registerTrainingCommands(CommandRegistry& registry);

// data ingest|clean|langid|filter|pii|dedup|mix|run
void registerDataCommands(CommandRegistry& registry);
// tokenizer train|encode|decode|extend
void registerTokenizerCommands(CommandRegistry& registry);
// pretokenize, shards inspect
void registerPretokenizeCommands(CommandRegistry& registry);

}  // namespace mindllm::cli
