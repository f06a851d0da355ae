#pragma once
// The export formats of the chat history (documented in docs/STORAGE.md):
//   JSON  "mindllm-chat-export" version 1, for backup and moving history between machines;
//   Markdown, for people (review, sharing, printing).
// Pure conversion between snapshots and text; ChatStore reads and writes the database.
#include <cstdint>
#include <string>
#include <vector>

#include "core/storage/chat_records.h"
#include "core/util/json_file.h"

namespace mindllm::storage {

inline constexpr const char* kExportFormat = "mindllm-chat-export";
inline constexpr int kExportVersion = 1;

// "2026-11-25T12:00:00.123Z" (UTC, milliseconds).
std::string formatIsoTime(int64_t ms);
// Inverse of formatIsoTime (the "Z" or "+00:00" suffix and the milliseconds are optional).
// Throws Error("<where>: ...") on malformed text.
int64_t parseIsoTime(const std::string& text, const std::string& where);

Json snapshotsToJson(const std::vector<ConversationSnapshot>& snapshots, int64_t exportedAt);
std::string snapshotsToMarkdown(const std::vector<ConversationSnapshot>& snapshots, int64_t exportedAt);

// Validates the whole document before returning anything. Errors name `source` (the file) and
// the path of the bad field, e.g. "chats.json: conversations[1].messages[3].role: ...".
std::vector<ConversationSnapshot> snapshotsFromJson(const Json& document, const std::string& source);

}  // namespace mindllm::storage
