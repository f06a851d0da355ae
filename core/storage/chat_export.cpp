#include "core/storage/chat_export.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "core/util/error.h"
#include "core/util/utf8.h"

namespace mindllm::storage {
namespace {

std::string at(const std::string& path, const std::string& field) { return path + "." + field; }

[[noreturn]] void bad(const std::string& source, const std::string& path, const std::string& message) {
  throw fileError(source, path + ": " + message);
}

const Json& field(const Json& obj, const std::string& key, const std::string& source, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) bad(source, at(path, key), "missing required field");
  return *it;
}

std::string stringField(const Json& obj, const std::string& key, const std::string& source, const std::string& path,
                        const std::string* fallback = nullptr) {
  auto it = obj.find(key);
  if ((it == obj.end() || it->is_null()) && fallback) return *fallback;
  const Json& v = field(obj, key, source, path);
  if (!v.is_string()) bad(source, at(path, key), std::string("expected a string, found ") + v.type_name());
  const auto& s = v.get_ref<const std::string&>();
  if (!utf8::isValid(s)) bad(source, at(path, key), "not valid UTF-8");
  return s;
}

int64_t intField(const Json& obj, const std::string& key, const std::string& source, const std::string& path,
                 int64_t fallback) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) bad(source, at(path, key), std::string("expected an integer, found ") + it->type_name());
  return it->get<int64_t>();
}

int64_t timeField(const Json& obj, const std::string& key, const std::string& source, const std::string& path) {
  return parseIsoTime(stringField(obj, key, source, path), source + ": " + at(path, key));
}

Json messageToJson(const Message& m) {
  Json j = {{"id", m.id},
            {"role", m.role},
            {"content", m.content},
            {"created_at", formatIsoTime(m.createdAt)},
            {"state", toString(m.state)}};
  if (m.parentId != 0) j["parent_id"] = m.parentId;
  if (m.tokens != 0) j["tokens"] = m.tokens;
  if (m.tokensPerSecond != 0.0) j["tokens_per_second"] = m.tokensPerSecond;
  if (m.regeneration != 0) j["regeneration"] = m.regeneration;
  if (!m.errorText.empty()) j["error"] = m.errorText;
  return j;
}

Json conversationToJson(const ConversationSnapshot& s) {
  const Conversation& c = s.conversation;
  Json settings = Json::parse(c.settingsJson.empty() ? "{}" : c.settingsJson, nullptr, false);
  if (settings.is_discarded()) settings = Json::object();
  Json messages = Json::array();
  for (const Message& m : s.messages) messages.push_back(messageToJson(m));
  return {{"title", c.title},         {"assistant", c.assistant},
          {"model", c.modelId},       {"created_at", formatIsoTime(c.createdAt)},
          {"updated_at", formatIsoTime(c.updatedAt)}, {"pinned", c.pinned},
          {"settings", settings},     {"system_prompt", c.systemPrompt},
          {"messages", messages}};
}

Message messageFromJson(const Json& j, const std::string& source, const std::string& path) {
  if (!j.is_object()) bad(source, path, "expected an object");
  Message m;
  m.id = intField(j, "id", source, path, 0);
  m.role = stringField(j, "role", source, path);
  if (m.role != kRoleUser && m.role != kRoleAssistant && m.role != kRoleSystem) {
    bad(source, at(path, "role"), "expected \"user\", \"assistant\" or \"system\", found \"" + m.role + "\"");
  }
  m.content = stringField(j, "content", source, path);
  m.createdAt = timeField(j, "created_at", source, path);
  const std::string complete = "complete";
  const std::string state = stringField(j, "state", source, path, &complete);
  try {
    m.state = messageStateFromString(state);
  } catch (const Error&) {
    bad(source, at(path, "state"), "expected complete, streaming, stopped or error, found \"" + state + "\"");
  }
  // An answer still "streaming" in an export was cut off; it will never continue.
  if (m.state == MessageState::Streaming) m.state = MessageState::Stopped;
  m.parentId = intField(j, "parent_id", source, path, 0);
  m.tokens = intField(j, "tokens", source, path, 0);
  if (m.tokens < 0) bad(source, at(path, "tokens"), "must not be negative");
  if (auto it = j.find("tokens_per_second"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) bad(source, at(path, "tokens_per_second"), "expected a number");
    m.tokensPerSecond = it->get<double>();
  }
  m.regeneration = static_cast<int>(intField(j, "regeneration", source, path, 0));
  const std::string none;
  m.errorText = stringField(j, "error", source, path, &none);
  return m;
}

ConversationSnapshot conversationFromJson(const Json& j, const std::string& source, const std::string& path) {
  if (!j.is_object()) bad(source, path, "expected an object");
  ConversationSnapshot s;
  Conversation& c = s.conversation;
  const std::string none, general = kAssistantGeneral;
  c.title = stringField(j, "title", source, path, &none);
  c.assistant = stringField(j, "assistant", source, path, &general);
  c.modelId = stringField(j, "model", source, path, &none);
  c.createdAt = timeField(j, "created_at", source, path);
  c.updatedAt = j.contains("updated_at") ? timeField(j, "updated_at", source, path) : c.createdAt;
  if (auto it = j.find("pinned"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) bad(source, at(path, "pinned"), "expected true or false");
    c.pinned = it->get<bool>();
  }
  if (auto it = j.find("settings"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) bad(source, at(path, "settings"), "expected an object");
    c.settingsJson = it->dump();
  }
  c.systemPrompt = stringField(j, "system_prompt", source, path, &none);

  const Json& messages = field(j, "messages", source, path);
  if (!messages.is_array()) bad(source, at(path, "messages"), "expected an array");
  std::set<int64_t> ids;
  for (size_t i = 0; i < messages.size(); ++i) {
    const std::string mpath = at(path, "messages") + "[" + std::to_string(i) + "]";
    Message m = messageFromJson(messages[i], source, mpath);
    if (m.parentId != 0 && !ids.count(m.parentId)) {
      bad(source, at(mpath, "parent_id"), "refers to no earlier message of this conversation");
    }
    if (m.id != 0 && !ids.insert(m.id).second) bad(source, at(mpath, "id"), "repeats an earlier message id");
    s.messages.push_back(std::move(m));
  }
  return s;
}

std::string quoteBlock(const std::string& text) {
  std::string out = "> ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "> ";
  }
  return out;
}

std::string roleHeading(const std::string& role) {
  if (role == kRoleUser) return "User";
  if (role == kRoleAssistant) return "Assistant";
  if (role == kRoleSystem) return "System";
  return role;
}

std::string readableTime(int64_t ms) {
  std::string iso = formatIsoTime(ms);  // 2026-11-25T12:00:00.123Z -> 2026-11-25 12:00 UTC
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

std::string formatIsoTime(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  const int millis = static_cast<int>(ms - static_cast<int64_t>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buffer;
}

int64_t parseIsoTime(const std::string& text, const std::string& where) {
  int year, month, day, hour, minute, second, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second, &consumed) != 6 ||
      consumed != 19 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    throw Error(where + ": expected a UTC time like 2026-11-25T12:00:00.000Z, found \"" + text + "\"");
  }
  std::string rest = text.substr(19);
  int millis = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = 1;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    const std::string fraction = (rest.substr(1, digits - 1) + "000").substr(0, 3);
    millis = std::stoi(fraction);
    rest = rest.substr(digits);
  }
  if (!rest.empty() && rest != "Z" && rest != "+00:00") {
    throw Error(where + ": expected a UTC time ending in Z, found \"" + text + "\"");
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
}

Json snapshotsToJson(const std::vector<ConversationSnapshot>& snapshots, int64_t exportedAt) {
  Json conversations = Json::array();
  for (const ConversationSnapshot& s : snapshots) conversations.push_back(conversationToJson(s));
  return {{"format", kExportFormat},
          {"version", kExportVersion},
          {"exported_at", formatIsoTime(exportedAt)},
          {"conversations", conversations}};
}

std::vector<ConversationSnapshot> snapshotsFromJson(const Json& document, const std::string& source) {
  if (!document.is_object()) bad(source, "(top level)", "expected an object");
  const std::string format = stringField(document, "format", source, "(top level)");
  if (format != kExportFormat) {
    throw fileError(source, "format: expected \"" + std::string(kExportFormat) + "\", found \"" + format + "\"");
  }
  const Json& version = field(document, "version", source, "(top level)");
  if (!version.is_number_integer() || version.get<int>() < 1 || version.get<int>() > kExportVersion) {
    throw fileError(source, "version: this program reads version 1 to " + std::to_string(kExportVersion) + ", found " +
                                version.dump());
  }
  const Json& conversations = field(document, "conversations", source, "(top level)");
  if (!conversations.is_array()) throw fileError(source, "conversations: expected an array");
  std::vector<ConversationSnapshot> out;
  for (size_t i = 0; i < conversations.size(); ++i) {
    out.push_back(conversationFromJson(conversations[i], source, "conversations[" + std::to_string(i) + "]"));
  }
  return out;
}

std::string snapshotsToMarkdown(const std::vector<ConversationSnapshot>& snapshots, int64_t exportedAt) {
  std::string md = "<!-- MindLLM Studio chat export, " + formatIsoTime(exportedAt) + " -->\n";
  for (size_t i = 0; i < snapshots.size(); ++i) {
    const Conversation& c = snapshots[i].conversation;
    if (i > 0) md += "\n---\n";
    md += "\n# " + (c.title.empty() ? std::string("Untitled conversation") : c.title) + "\n\n";
    md += "- Assistant: " + c.assistant + "\n";
    if (!c.modelId.empty()) md += "- Model: `" + c.modelId + "`\n";
    md += "- Created: " + readableTime(c.createdAt) + "\n";
    md += "- Updated: " + readableTime(c.updatedAt) + "\n";
    if (!c.systemPrompt.empty()) md += "\nSystem prompt:\n\n" + quoteBlock(c.systemPrompt) + "\n";
    for (const Message& m : snapshots[i].messages) {
      md += "\n## " + roleHeading(m.role) + " · " + readableTime(m.createdAt);
      if (m.state != MessageState::Complete) md += " · " + std::string(toString(m.state));
      md += "\n\n" + m.content + "\n";
      if (!m.errorText.empty()) md += "\n*Error: " + m.errorText + "*\n";
      if (m.role == kRoleAssistant && m.tokens > 0) {
        char stats[64];
        std::snprintf(stats, sizeof stats, "%lld tokens, %.1f tokens/s", static_cast<long long>(m.tokens), m.tokensPerSecond);
        md += "\n<sub>" + std::string(stats) + "</sub>\n";
      }
    }
  }
  return md;
}

}  // namespace mindllm::storage
