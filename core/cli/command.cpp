#include "core/cli/command.h"

#include <sstream>

namespace mindllm::cli {

void CommandRegistry::add(Command command) { commands_.push_back(std::move(command)); }

namespace {

std::vector<std::string> words(const std::string& name) {
  std::istringstream ss(name);
  std::vector<std::string> out;
  for (std::string w; ss >> w;) out.push_back(w);
  return out;
}

}  // namespace

const Command* CommandRegistry::match(const std::vector<std::string>& args, size_t& consumed) const {
  const Command* best = nullptr;
  size_t bestLen = 0;
  for (const auto& c : commands_) {
    const auto w = words(c.name);
    if (w.size() > args.size() || w.size() <= bestLen) continue;
    bool ok = true;
    for (size_t i = 0; i < w.size() && ok; ++i) ok = (w[i] == args[i]);
    if (ok) {
      best = &c;
      bestLen = w.size();
    }
  }
  consumed = bestLen;
  return best;
}

}  // namespace mindllm::cli
