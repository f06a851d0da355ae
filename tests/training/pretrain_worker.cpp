// The `pretrain` command as its own small executable, so tests can start real training processes
// (several ranks, signals) without linking every other mindllm-cli command.
#include <iostream>

#include "training/trainer/pretrain_command.h"

int main(int argc, char** argv) {
  try {
    return mindllm::cli::runPretrainCommand(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  }
}
