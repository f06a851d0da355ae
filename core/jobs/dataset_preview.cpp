#include "core/jobs/dataset_preview.h"

#include <fstream>

#include "core/util/error.h"
#include "core/util/json_file.h"

namespace mindllm::jobs {
namespace {

struct LineContext {
  const std::string& path;
  int64_t line;
  Error bad(const std::string& what) const { return fileError(path, static_cast<long>(line), what); }
};

// `prefix` names the enclosing field for turns: "conversations[2]." + key.
std::string stringField(const Json& j, const char* key, bool required, const LineContext& at,
                        const std::string& prefix = {}) {
  const std::string field = prefix + key;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw at.bad("field \"" + field + "\" missing");
    return {};
  }
  if (!it->is_string()) throw at.bad("field \"" + field + "\": expected a string");
  return it->get<std::string>();
}

std::vector<PreviewTurn> alpacaTurns(const Json& j, const LineContext& at) {
  std::vector<PreviewTurn> turns;
  const std::string system = stringField(j, "system", false, at);
  if (!system.empty()) turns.push_back({"system", system});
  std::string prompt = stringField(j, "instruction", true, at);
  const std::string input = stringField(j, "input", false, at);
  if (!input.empty()) prompt += "\n\n" + input;
  turns.push_back({"user", prompt});
  turns.push_back({"assistant", stringField(j, "output", true, at)});
  if (turns.back().text.empty()) throw at.bad("field \"output\" is empty");
  return turns;
}

// ShareGPT turns ({"from", "value"}) or the OpenAI form ({"role", "content"}) under "messages".
std::vector<PreviewTurn> shareGptTurns(const Json& j, const LineContext& at) {
  const bool openAi = !j.contains("conversations") && j.contains("messages");
  const char* list = openAi ? "messages" : "conversations";
  const char* roleKey = openAi ? "role" : "from";
  const char* textKey = openAi ? "content" : "value";
  auto it = j.find(list);
  if (it == j.end()) throw at.bad(std::string("field \"") + list + "\" missing");
  if (!it->is_array() || it->empty()) throw at.bad(std::string("field \"") + list + "\": expected a non-empty list of turns");
  std::vector<PreviewTurn> turns;
  bool answered = false;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& turn = (*it)[i];
    const std::string field = std::string(list) + "[" + std::to_string(i) + "]";
    if (!turn.is_object()) throw at.bad("field \"" + field + "\": expected an object");
    const std::string from = stringField(turn, roleKey, true, at, field + ".");
    const std::string value = stringField(turn, textKey, true, at, field + ".");
    if (from == "system")
      turns.push_back({"system", value});
    else if (from == "human" || from == "user")
      turns.push_back({"user", value});
    else if (from == "gpt" || from == "assistant") {
      turns.push_back({"assistant", value});
      answered = true;
    } else
      throw at.bad("field \"" + field + "." + roleKey + "\": unknown role \"" + from + "\"");
  }
  if (!answered) throw at.bad(std::string("field \"") + list + "\": no assistant turn to learn from");
  return turns;
}

std::string detectFormat(const Json& j, const LineContext& at) {
  if (j.contains("conversations") || j.contains("messages")) return "sharegpt";
  if (j.contains("instruction") || j.contains("output")) return "alpaca";
  throw at.bad("neither alpaca (\"instruction\", \"output\") nor sharegpt (\"conversations\") fields");
}

}  // namespace

DatasetPreview previewDataset(const std::string& path, const std::string& format, int maxSamples) {
  if (format != "auto" && format != "alpaca" && format != "sharegpt")
    throw Error("dataset format \"" + format + "\": expected auto, alpaca or sharegpt");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fileError(path, "cannot open for reading");
  DatasetPreview preview;
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    preview.compressed = true;  // the command's --check reads it; no preview here
    preview.format = format;
    preview.samples = -1;
    return preview;
  }
  preview.format = format == "auto" ? std::string() : format;
  std::string text;
  for (int64_t line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    const LineContext at{path, line};
    const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) throw at.bad("not valid JSON");
    if (!j.is_object()) throw at.bad("expected a JSON object");
    if (preview.format.empty()) preview.format = detectFormat(j, at);
    PreviewSample sample{line, preview.format == "alpaca" ? alpacaTurns(j, at) : shareGptTurns(j, at)};
    if (static_cast<int>(preview.first.size()) < maxSamples) preview.first.push_back(std::move(sample));
    ++preview.samples;
  }
  if (preview.samples == 0) throw fileError(path, "no samples (the file is empty)");
  return preview;
}

}  // namespace mindllm::jobs
