#include "training/sft/conversation_reader.h"

#include <cstring>
#include <filesystem>

#include "core/util/error.h"
#include "core/util/json_file.h"
#include "training/data/line_reader.h"

namespace fs = std::filesystem;

namespace mindllm::sft {
namespace {

struct Where {
  const std::string& file;
  long line;
  Error operator()(const std::string& message) const { return fileError(file, line, message); }
};

std::string text(const Json& record, const std::string& field, const Where& at, bool required) {
  auto it = record.find(field);
  if (it == record.end() || it->is_null()) {
    if (required) throw at("field \"" + field + "\" missing");
    return "";
  }
  if (!it->is_string()) throw at("field \"" + field + "\": expected a string, got " + it->dump());
  return it->get<std::string>();
}

std::string fileStem(const std::string& path) {
  std::string stem = fs::path(path).filename().string();
  for (const char* ext : {".gz", ".jsonl", ".json"})
    if (stem.size() > std::strlen(ext) && stem.compare(stem.size() - std::strlen(ext), std::strlen(ext), ext) == 0)
      stem.resize(stem.size() - std::strlen(ext));
  return stem;
}

std::vector<ChatMessage> alpaca(const Json& record, const Where& at) {
  const std::string instruction = text(record, "instruction", at, true);
  const std::string input = text(record, "input", at, false);
  const std::string output = text(record, "output", at, true);
  const std::string system = text(record, "system", at, false);
  if (instruction.empty() && input.empty()) throw at("field \"instruction\" is empty");
  if (output.empty()) throw at("field \"output\" is empty");
  std::vector<ChatMessage> m;
  if (!system.empty()) m.push_back({"system", system});
  m.push_back({"user", input.empty() ? instruction : instruction.empty() ? input : instruction + "\n\n" + input});
  m.push_back({"assistant", output});
  return m;
}

std::string normalRole(const std::string& role) {
  if (role == "user" || role == "human") return "user";
  if (role == "assistant" || role == "gpt" || role == "bot" || role == "model" || role == "chatgpt") return "assistant";
  if (role == "system") return "system";
  return "";
}

std::vector<ChatMessage> shareGpt(const Json& record, const Where& at) {
  const bool openai = record.contains("messages");
  const std::string listName = openai ? "messages" : "conversations";
  const std::string roleName = openai ? "role" : "from", contentName = openai ? "content" : "value";
  const Json& list = record.at(listName);
  if (!list.is_array()) throw at("field \"" + listName + "\": expected an array of messages");
  std::vector<ChatMessage> m;
  bool answered = false;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string field = listName + "[" + std::to_string(i) + "]";
    const Json& item = list[i];
    if (!item.is_object()) throw at("field \"" + field + "\": expected an object");
    for (const std::string& key : {roleName, contentName}) {
      if (!item.contains(key)) throw at("field \"" + field + "." + key + "\" missing");
      if (!item[key].is_string())
        throw at("field \"" + field + "." + key + "\": expected a string, got " + item[key].dump());
    }
    const std::string rawRole = item[roleName].get<std::string>();
    const std::string role = normalRole(rawRole);
    if (role.empty())
      throw at("field \"" + field + "." + roleName + "\": unknown role \"" + rawRole +
               "\" (expected system, user/human or assistant/gpt)");
    if (role == "system" && !m.empty()) throw at("field \"" + field + "\": a system message must come first");
    const std::string content = item[contentName].get<std::string>();
    if (role == "assistant") {
      if (content.empty()) throw at("field \"" + field + "." + contentName + "\": empty assistant message");
      answered = true;
    }
    m.push_back({role, content});
  }
  if (!answered) throw at("field \"" + listName + "\": no assistant message to learn from");
  return m;
}

}  // namespace

DatasetFormat parseDatasetFormat(const std::string& name, const std::string& where) {
  if (name == "auto") return DatasetFormat::Auto;
  if (name == "alpaca") return DatasetFormat::Alpaca;
  if (name == "sharegpt") return DatasetFormat::ShareGpt;
  throw Error(where + ": expected auto, alpaca or sharegpt, got \"" + name + "\"");
}

Conversation parseConversation(const std::string& line, DatasetFormat format, const std::string& file, long lineNo) {
  const Where at{file, lineNo};
  Json record;
  try {
    record = Json::parse(line);
  } catch (const Json::parse_error& e) {
    throw at(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!record.is_object()) throw at("expected a JSON object");
  DatasetFormat f = format;
  if (f == DatasetFormat::Auto) {
    if (record.contains("conversations") || record.contains("messages"))
      f = DatasetFormat::ShareGpt;
    else if (record.contains("instruction") || record.contains("output"))
      f = DatasetFormat::Alpaca;
    else
      throw at("neither an Alpaca record (fields \"instruction\", \"output\") nor a ShareGPT one (field "
               "\"conversations\" or \"messages\")");
  }
  if (f == DatasetFormat::ShareGpt && !record.contains("conversations") && !record.contains("messages"))
    throw at("field \"conversations\" missing (ShareGPT records hold \"conversations\" or \"messages\")");
  Conversation c;
  c.messages = f == DatasetFormat::Alpaca ? alpaca(record, at) : shareGpt(record, at);
  for (const char* field : {"source", "domain", "task"}) {
    c.source = text(record, field, at, false);
    if (!c.source.empty()) break;
  }
  if (c.source.empty()) c.source = fileStem(file);
  c.file = file;
  c.line = lineNo;
  c.record = line;
  return c;
}

std::vector<Conversation> readConversations(const std::string& path, DatasetFormat format) {
  if (!fs::is_regular_file(path)) throw Error(path + ": no such file");
  data::LineReader reader(path);
  std::vector<Conversation> out;
  std::string line;
  while (reader.next(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out.push_back(parseConversation(line, format, path, reader.lineNumber()));
  }
  if (out.empty()) throw Error(path + ": no records (expected JSON Lines of Alpaca or ShareGPT records)");
  return out;
}

}  // namespace mindllm::sft
