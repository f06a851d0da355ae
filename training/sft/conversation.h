#pragma once
// One training sample of instruction tuning: a conversation (system / user / assistant messages)
// with where it came from. Alpaca and ShareGPT records both become this.
#include <string>
#include <vector>

#include "core/tokenizer/chat_template.h"

namespace mindllm::sft {

struct Conversation {
  std::vector<ChatMessage> messages;  // at least one assistant message
  std::string source;  // the record's "source", "domain" or "task" field, else the file's stem
  std::string file;    // where it was read, for messages and reports
  long line = 0;
  std::string record;  // the JSON line as read (written back verbatim by `sft select`)
};

}  // namespace mindllm::sft
