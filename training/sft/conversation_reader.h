#pragma once
// Reads instruction data in JSON Lines, one record per line (blank lines skipped), in either of
// the two common formats:
//
//   Alpaca    {"instruction": "...", "input": "...", "output": "...", "system": "..."}
//             input and system optional; the user turn is instruction, a blank line, then input.
//   ShareGPT  {"conversations": [{"from": "human"|"gpt"|"system", "value": "..."}, ...]}
//             or {"messages": [{"role": "user"|"assistant"|"system", "content": "..."}, ...]}
//             multi-turn; at least one assistant message; roles human/user, gpt/assistant.
//
// A record may name its "source" (or "domain", or "task"); otherwise the file's stem is used.
// Every error names the file, the line and the field: `data.jsonl:17: field "output" missing`.
#include <string>
#include <vector>

#include "training/sft/conversation.h"

namespace mindllm::sft {

enum class DatasetFormat { Auto, Alpaca, ShareGpt };

// "auto", "alpaca", "sharegpt"; throws Error for anything else.
DatasetFormat parseDatasetFormat(const std::string& name, const std::string& where);

// One record (a JSON text) as a conversation; `file` and `line` name it in errors.
Conversation parseConversation(const std::string& text, DatasetFormat format, const std::string& file, long line);

// Every record of a .jsonl (or .jsonl.gz) file; stops at the first bad line with its error.
std::vector<Conversation> readConversations(const std::string& path, DatasetFormat format);

}  // namespace mindllm::sft
