#pragma once
// Subcommands of mindllm-cli. Each library registers its own commands (core: info, generate,
// chat, init, convert; training: data, tokenizer, pretokenize, pretrain, sft, finetune, eval, demo),
// so app/cli/main.cpp stays a thin dispatcher and core never depends on training.
#include <functional>
#include <string>
#include <vector>

namespace mindllm::cli {

struct Command {
  std::string name;      // e.g. "generate", or "data clean" for a nested verb
  std::string summary;   // one line for `mindllm-cli --help`
  // Receives the arguments after the command name; returns the process exit code.
  std::function<int(const std::vector<std::string>& args)> run;
};

class CommandRegistry {
public:
  void add(Command command);
  const std::vector<Command>& commands() const { return commands_; }
  // Finds the longest registered name matching the leading args ("data clean" before "data").
  const Command* match(const std::vector<std::string>& args, size_t& consumed) const;

private:
  std::vector<Command> commands_;
};

void registerCoreCommands(CommandRegistry& registry);

}  // namespace mindllm::cli
