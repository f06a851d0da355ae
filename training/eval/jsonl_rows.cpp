#include "training/eval/jsonl_rows.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace mindllm::eval {

void forEachJsonLine(const std::string& path, const JsonRowFn& row) {
  const std::string text = readFile(path);
  size_t start = 0;
  long line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view content(text.data() + start, end - start);
    start = end + 1;
    if (line == 1 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Json value;
    try {
      value = Json::parse(content);
    } catch (const nlohmann::json::parse_error& e) {
      throw fileError(path, line, std::string("invalid JSON: ") + e.what());
    }
    if (!value.is_object()) throw fileError(path, line, "expected a JSON object, got " + std::string(value.type_name()));
    row(value, path + ":" + std::to_string(line), line);
  }
}

std::string idField(const Json& row, const std::string& key, const std::string& fallback) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return fallback;
}

}  // namespace mindllm::eval
