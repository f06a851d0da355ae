#pragma once
// Plain records of the chat history database: what a conversation and a message are, and the
// filters and results of listing and searching. No Qt, no SQLite here; see chat_store.h for the
// operations. All timestamps are milliseconds since the Unix epoch, UTC
// (QDateTime::fromMSecsSinceEpoch reads them directly). All text is UTF-8.
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm::storage {

// Assistant kinds stored with a conversation. Other strings are accepted and kept as they are,
// so that a newer assistant does not break an older database.
inline constexpr const char* kAssistantLegal = "legal";
inline constexpr const char* kAssistantFinance = "finance";
inline constexpr const char* kAssistantGeneral = "general";

// Message roles.
inline constexpr const char* kRoleSystem = "system";
inline constexpr const char* kRoleUser = "user";
inline constexpr const char* kRoleAssistant = "assistant";

// Life cycle of a message. User and system messages are always Complete. An assistant answer is
// Streaming while tokens arrive, then Complete, Stopped (the user pressed Stop, or the writing
// process died mid-answer: see ChatStore::recoverInterruptedMessages) or Error.
enum class MessageState { Complete, Streaming, Stopped, Error };

// "complete" | "streaming" | "stopped" | "error" — the spelling stored in the database and exports.
const char* toString(MessageState state);
// Inverse of toString; throws mindllm::Error for an unknown name.
MessageState messageStateFromString(const std::string& name);

struct Conversation {
  int64_t id = 0;
  std::string title;
  std::string assistant = kAssistantGeneral;  // "legal" | "finance" | "general"
  std::string modelId;                        // model id or model folder path; empty = app default
  int64_t createdAt = 0;
  int64_t updatedAt = 0;                      // last change: new message, rename, settings...
  bool pinned = false;
  std::string settingsJson = "{}";            // generation settings as a JSON object, as text
  std::string systemPrompt;                   // override; empty = the assistant's default prompt
  int64_t deletedAt = 0;                      // soft delete time; 0 = not deleted
  int64_t messageCount = 0;                   // filled by reads; ignored by writes
};

struct Message {
  int64_t id = 0;
  int64_t conversationId = 0;
  std::string role = kRoleUser;               // "system" | "user" | "assistant"
  std::string content;
  int64_t createdAt = 0;
  MessageState state = MessageState::Complete;
  int64_t tokens = 0;                         // generated tokens (assistant answers)
  double tokensPerSecond = 0.0;
  int64_t parentId = 0;                       // assistant answer: the user message it answers; 0 = none
  int regeneration = 0;                       // 0 = first answer, n = n-th regenerated answer
  std::string errorText;                      // why generation failed (state Error)
};

// Final numbers of a streamed answer, given to ChatStore::finishMessage.
struct MessageStats {
  int64_t tokens = 0;
  double tokensPerSecond = 0.0;
  std::string errorText;
};

// Filters for ChatStore::listConversations; empty / zero fields do not filter.
struct ConversationFilter {
  std::string assistant;       // only this assistant kind
  int64_t updatedFrom = 0;     // updatedAt >= updatedFrom
  int64_t updatedTo = 0;       // updatedAt <  updatedTo
  std::string text;            // in the title or in any message (same matching as search)
  bool pinnedFirst = true;     // pinned conversations first, then newest first
  bool deleted = false;        // true: list only soft-deleted conversations (the trash)
  int limit = 0;               // 0 = no limit
};

// One search hit: a message whose content contains every query term.
struct SearchHit {
  int64_t conversationId = 0;
  int64_t messageId = 0;
  std::string conversationTitle;
  std::string assistant;
  std::string role;
  int64_t createdAt = 0;
  std::string snippet;         // a short excerpt around the first hit, hits wrapped in the markers
};

struct SearchOptions {
  int limit = 50;
  int64_t conversationId = 0;  // search inside one conversation; 0 = all
  std::string assistant;       // only conversations of this assistant kind; empty = all
  std::string markOpen = "[";  // put around each hit in the snippet
  std::string markClose = "]";
  bool escapeHtml = false;     // escape & < > " in the snippet text (not the markers): for rich text
  int snippetChars = 64;       // about this many characters (code points) of context in total
};

// A conversation with all its messages: what export writes and import reads.
struct ConversationSnapshot {
  Conversation conversation;
  std::vector<Message> messages;
};

}  // namespace mindllm::storage
