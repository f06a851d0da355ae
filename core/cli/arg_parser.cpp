#include "core/cli/arg_parser.h"

#include <iostream>
#include <sstream>

#include "core/util/error.h"

namespace mindllm::cli {

ArgParser::ArgParser(std::string command, std::string description)
    : command_(std::move(command)), description_(std::move(description)) {}

ArgParser& ArgParser::option(const std::string& name, const std::string& help, std::optional<std::string> fallback,
                             bool required) {
  specs_.push_back({name, help, std::move(fallback), required, false, false});
  return *this;
}

ArgParser& ArgParser::flag(const std::string& name, const std::string& help) {
  specs_.push_back({name, help, std::nullopt, false, true, false});
  return *this;
}

ArgParser& ArgParser::positional(const std::string& name, const std::string& help, bool required) {
  specs_.push_back({name, help, std::nullopt, required, false, true});
  return *this;
}

const ArgParser::Spec* ArgParser::find(const std::string& name) const {
  for (const auto& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
  size_t nextPositional = 0;
  std::vector<const Spec*> positionals;
  for (const auto& s : specs_)
    if (s.isPositional) positionals.push_back(&s);

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << helpText();
      return false;
    }
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      const auto eq = name.find('=');
      const bool inlineValue = eq != std::string::npos;
      if (inlineValue) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const Spec* spec = find(name);
      if (!spec || spec->isPositional) throw Error(command_ + ": unknown option --" + name + " (see --help)");
      if (spec->isFlag) {
        values_[name].push_back(inlineValue ? value : "1");
        continue;
      }
      if (!inlineValue) {
        if (i + 1 >= args.size()) throw Error(command_ + ": option --" + name + " needs a value");
        value = args[++i];
      }
      values_[name].push_back(value);
    } else {
      if (nextPositional >= positionals.size()) throw Error(command_ + ": unexpected argument '" + a + "'");
      values_[positionals[nextPositional++]->name].push_back(a);
    }
  }
  for (const auto& s : specs_)
    if (s.required && !values_.count(s.name))
      throw Error(command_ + ": missing required " + (s.isPositional ? s.name : "option --" + s.name) + " (see --help)");
  return true;
}

bool ArgParser::has(const std::string& name) const { return values_.count(name) || (find(name) && find(name)->fallback); }

std::string ArgParser::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second.back();
  const Spec* s = find(name);
  if (s && s->fallback) return *s->fallback;
  throw Error(command_ + ": option --" + name + " was not given");
}

namespace {
template <typename T, typename F>
T parseNumber(const std::string& command, const std::string& name, const std::string& text, F convert) {
  try {
    size_t used = 0;
    T v = convert(text, &used);
    if (used != text.size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    throw Error(command + ": option --" + name + ": '" + text + "' is not a valid number");
  }
}
}  // namespace

int ArgParser::getInt(const std::string& name) const {
  return parseNumber<int>(command_, name, get(name), [](const std::string& s, size_t* u) { return std::stoi(s, u); });
}

long long ArgParser::getInt64(const std::string& name) const {
  return parseNumber<long long>(command_, name, get(name), [](const std::string& s, size_t* u) { return std::stoll(s, u); });
}

double ArgParser::getDouble(const std::string& name) const {
  return parseNumber<double>(command_, name, get(name), [](const std::string& s, size_t* u) { return std::stod(s, u); });
}

bool ArgParser::flagSet(const std::string& name) const {
  auto it = values_.find(name);
  return it != values_.end() && it->second.back() != "0" && it->second.back() != "false";
}

std::vector<std::string> ArgParser::getAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string ArgParser::helpText() const {
  std::ostringstream out;
  out << "usage: mindllm-cli " << command_;
  for (const auto& s : specs_)
    if (s.isPositional) out << (s.required ? " " : " [") << s.name << (s.required ? "" : "]");
  out << " [options]\n\n" << description_ << "\n\noptions:\n";
  for (const auto& s : specs_) {
    std::string left = s.isPositional ? "  " + s.name : "  --" + s.name + (s.isFlag ? "" : " VALUE");
    out << left;
    for (size_t pad = left.size(); pad < 28; ++pad) out << ' ';
    out << ' ' << s.help;
    if (s.required) out << " (required)";
    if (s.fallback) out << " [default: " << *s.fallback << "]";
    out << "\n";
  }
  out << "  --help                      show this help\n";
  return out.str();
}

}  // namespace mindllm::cli
