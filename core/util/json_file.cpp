#include "core/util/json_file.h"

#include <algorithm>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace mindllm {
namespace {

// Turns a byte offset into "line L, column C" for parse errors.
std::string positionOf(const std::string& text, size_t byte) {
  byte = std::min(byte, text.size());
  const long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n');
  const size_t lastNl = text.rfind('\n', byte == 0 ? 0 : byte - 1);
  const size_t column = lastNl == std::string::npos ? byte + 1 : byte - lastNl;
  return std::to_string(line) + ":" + std::to_string(column);
}

template <typename T>
T convert(const Json& v, const std::string& key, const std::string& where) {
  try {
    return v.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(where + ": field '" + key + "' has the wrong type (" + v.type_name() + ")");
  }
}

}  // namespace

Json readJsonFile(const std::string& path) {
  const std::string text = readFile(path);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(path + ":" + positionOf(text, e.byte == 0 ? 0 : e.byte - 1) + ": invalid JSON: " + e.what());
  }
}

void writeJsonFileAtomic(const std::string& path, const Json& value, int indent) {
  writeFileAtomic(path, value.dump(indent) + "\n");
}

template <typename T>
T requireField(const Json& obj, const std::string& key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) throw Error(where + ": missing required field '" + key + "'");
  return convert<T>(*it, key, where);
}

template <typename T>
T optionalField(const Json& obj, const std::string& key, const T& fallback, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  return convert<T>(*it, key, where);
}

#define MINDLLM_JSON_FIELD(T)                                                              \
  template T requireField<T>(const Json&, const std::string&, const std::string&);        \
  template T optionalField<T>(const Json&, const std::string&, const T&, const std::string&);
MINDLLM_JSON_FIELD(int)
MINDLLM_JSON_FIELD(long)
MINDLLM_JSON_FIELD(double)
MINDLLM_JSON_FIELD(bool)
MINDLLM_JSON_FIELD(std::string)
#undef MINDLLM_JSON_FIELD

}  // namespace mindllm
