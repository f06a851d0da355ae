// mindllm-cli: dispatches to the subcommands the libraries register.
#include <iostream>

#include "core/cli/command.h"
#include "core/util/error.h"
#ifdef MINDLLM_HAVE_TRAINING_COMMANDS
#include "training/cli/training_commands.h"
#endif

int main(int argc, char** argv) {
  using namespace mindllm::cli;
  CommandRegistry registry;
  registerCoreCommands(registry);
#ifdef MINDLLM_HAVE_TRAINING_COMMANDS
  registerTrainingCommands(registry);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t consumed = 0;
  const Command* command = args.empty() ? nullptr : registry.match(args, consumed);
  if (!command) {
    const bool asked = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help");
    if (!args.empty() && !asked) std::cerr << "mindllm-cli: unknown command '" << args[0] << "'\n\n";
    (asked ? std::cout : std::cerr) << "usage: mindllm-cli COMMAND [options]   (COMMAND --help for its options)\n\n";
    for (const auto& c : registry.commands()) (asked ? std::cout : std::cerr) << "  " << c.name << std::string(c.name.size() < 20 ? 20 - c.name.size() : 1, ' ') << c.summary << "\n";
    return asked ? 0 : 2;
  }
  try {
    return command->run(std::vector<std::string>(args.begin() + static_cast<long>(consumed), args.end()));
  } catch (const std::exception& e) {
    std::cerr << "mindllm-cli " << command->name << ": error: " << e.what() << "\n";
    return 1;
  }
}
