#pragma once
// JSON Lines input for the GSM8K and domain sets: one object per line, blank lines skipped.
#include <functional>
#include <string>

#include "core/util/json_file.h"

namespace mindllm::eval {

// Calls `row(object, where)` for each line; `where` is "path:line" for field errors
// (requireField(row, "question", where) -> "path:7: missing required field 'question'").
// A line that is not a JSON object throws Error "path:line: ...".
using JsonRowFn = std::function<void(const Json& row, const std::string& where, long line)>;
void forEachJsonLine(const std::string& path, const JsonRowFn& row);

// A string field that may also be written as a number (ids often are).
std::string idField(const Json& row, const std::string& key, const std::string& fallback);

}  // namespace mindllm::eval
