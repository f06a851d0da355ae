#pragma once
// JSON files through nlohmann-json, with errors that name the file and the field.
#include <nlohmann/json.hpp>
#include <string>

namespace mindllm {

using Json = nlohmann::json;

// Parses a JSON file; a syntax error names the file, line and column.
Json readJsonFile(const std::string& path);
void writeJsonFileAtomic(const std::string& path, const Json& value, int indent = 2);

// Typed field access with errors like "config.json: field 'hidden_size': expected integer".
template <typename T>
T requireField(const Json& obj, const std::string& key, const std::string& where);
template <typename T>
T optionalField(const Json& obj, const std::string& key, const T& fallback, const std::string& where);

}  // namespace mindllm
