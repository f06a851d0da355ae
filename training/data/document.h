#pragma once
// One document flowing through the data pipeline. Stages edit `text` and `lang` in place; the
// pipeline drops a document by recording a reason, never by losing it silently.
#include <string>

namespace mindllm::data {

struct Document {
  std::string id;      // stable origin: the JSONL "id" field, or "file:line"
  std::string text;
  std::string lang;    // "zh", "en", "mixed", "other"; empty until language identification ran
  std::string source;  // the input's source name, used for mixing
};

}  // namespace mindllm::data
