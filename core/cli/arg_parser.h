#pragma once
// A small option parser for the subcommands: --name VALUE, --name=VALUE and --flag, with --help
// generated from the declared options. Unknown options and missing values are clear errors.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mindllm::cli {

class ArgParser {
public:
  ArgParser(std::string command, std::string description);

  ArgParser& option(const std::string& name, const std::string& help, std::optional<std::string> fallback = std::nullopt,
                    bool required = false);
  ArgParser& flag(const std::string& name, const std::string& help);
  ArgParser& positional(const std::string& name, const std::string& help, bool required = true);

  // Returns false when --help was asked (help already printed). Throws Error on bad arguments.
  bool parse(const std::vector<std::string>& args);

  bool has(const std::string& name) const;
  std::string get(const std::string& name) const;
  int getInt(const std::string& name) const;
  long long getInt64(const std::string& name) const;
  double getDouble(const std::string& name) const;
  bool flagSet(const std::string& name) const;
  std::vector<std::string> getAll(const std::string& name) const;  // repeated options
  std::string helpText() const;

private:
  struct Spec {
    std::string name, help;
    std::optional<std::string> fallback;
    bool required = false, isFlag = false, isPositional = false;
  };
  const Spec* find(const std::string& name) const;
  std::string command_, description_;
  std::vector<Spec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace mindllm::cli
