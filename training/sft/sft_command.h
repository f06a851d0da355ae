#pragma once
// mindllm-cli sft | finetune | sft select (docs/FINETUNING.md).
//
// Exit codes (the contract with the app's job manager): 0 finished; 75 stopped by SIGTERM/SIGINT
// after writing a checkpoint (running the same command again resumes); 2 bad config or dataset;
// 1 any other failure. On 1 and 2 the last line on stderr starts with "error: " and names the
// file, line and field at fault.
#include <string>
#include <vector>

#include "core/cli/command.h"

namespace mindllm::cli {

constexpr int kExitStopped = 75;  // EX_TEMPFAIL: try again (resume)
constexpr int kExitBadInput = 2;

// Registers "sft", "finetune" and "sft select".
void registerSftCommands(CommandRegistry& registry);

int runSftCommand(const std::vector<std::string>& args);       // default method "full"
int runFinetuneCommand(const std::vector<std::string>& args);  // default method "lora"
int runSelectCommand(const std::vector<std::string>& args);

}  // namespace mindllm::cli
