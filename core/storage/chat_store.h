#pragma once
// ChatStore: the chat history database of MindLLM Studio, one SQLite file (the app passes
// QStandardPaths::AppDataLocation + "/chats.sqlite"). Plain C++ on the SQLite C API, no Qt.
//
// The file runs in WAL mode with foreign keys on and a busy timeout; its schema version lives in
// PRAGMA user_version and is brought up to date by ordered migrations when the file is opened.
// Every change that touches more than one row runs in one transaction. Full-text search over
// message content uses FTS5 with the trigram tokenizer (works for Chinese and English); terms
// shorter than 3 characters (common in Chinese: "合同", "利率") are found through the trigrams that
// start with them, or by a substring scan when a character is very common.
//
// Threads: one ChatStore belongs to one thread. To search or export from a worker thread, open a
// second ChatStore on the same path there (WAL lets readers run beside the writer).
//
// Errors: every failure throws mindllm::Error whose message names the database file, and for
// imports the file and the field or index at fault. A failed operation changes nothing.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/chat_records.h"

struct sqlite3;

namespace mindllm::storage {

class SqliteDb;

// When a streamed answer is written to disk. appendToMessage() keeps pieces in memory and writes
// them (one small transaction) once `intervalMs` passed since the last write or `maxChars` bytes
// are waiting, whichever comes first; so a crash loses at most about the last `intervalMs` of one
// answer. finishMessage() and flushStreaming() write at once.
struct StreamFlushPolicy {
  int intervalMs = 200;
  size_t maxChars = 512;
};

struct ChatStoreOptions {
  int busyTimeoutMs = 5000;
  StreamFlushPolicy flush;
};

class ChatStore {
public:
  // The schema version this code writes; older files are migrated on open, newer ones refused.
  static int currentSchemaVersion();

  // Opens (creating if needed) the database at `path` and migrates it. The folder must exist.
  explicit ChatStore(const std::string& path, ChatStoreOptions options = {});
  // Writes pending streamed text, then closes. Never throws.
  ~ChatStore();
  ChatStore(const ChatStore&) = delete;
  ChatStore& operator=(const ChatStore&) = delete;

  const std::string& path() const;
  int schemaVersion() const;  // PRAGMA user_version of the open file

  // Call once at app start: answers left "streaming" by a process that died become "stopped",
  // keeping the text that reached the disk. Returns how many were fixed.
  int recoverInterruptedMessages();

  // ---- conversations ---------------------------------------------------------------------
  // Creates a conversation from `draft` (its id, createdAt, updatedAt, deletedAt are ignored)
  // and returns the stored row. An empty title is stored as is (the UI may name it later).
  Conversation createConversation(const Conversation& draft);
  std::optional<Conversation> conversation(int64_t id) const;  // also finds soft-deleted ones
  // Pinned first (unless filter.pinnedFirst is false), then updatedAt newest first, then id.
  std::vector<Conversation> listConversations(const ConversationFilter& filter = {}) const;

  void renameConversation(int64_t id, const std::string& title);
  void setPinned(int64_t id, bool pinned);
  void setAssistant(int64_t id, const std::string& assistant);
  void setModel(int64_t id, const std::string& modelId);
  void setGenerationSettings(int64_t id, const std::string& settingsJson);  // must be a JSON object
  void setSystemPrompt(int64_t id, const std::string& systemPrompt);

  // Soft delete: the conversation leaves lists and search but stays on disk until purged, so the
  // UI can offer Undo (restoreConversation). Unknown ids throw.
  void deleteConversation(int64_t id);
  void restoreConversation(int64_t id);
  // Removes for good (with its messages): one conversation, or every soft-deleted one deleted
  // before `deletedBefore` (ms; 0 = the whole trash); purgeDeleted returns how many.
  void purgeConversation(int64_t id);
  int purgeDeleted(int64_t deletedBefore = 0);

  // ---- messages ----------------------------------------------------------------------------
  // In creation order (createdAt, then id). Includes streamed text not yet written to disk.
  std::vector<Message> messages(int64_t conversationId) const;
  std::optional<Message> message(int64_t id) const;

  // Appends a complete message (user, system, or a whole assistant answer) and returns it.
  Message addMessage(int64_t conversationId, const std::string& role, const std::string& content);

  // Streaming an answer: begin -> append* -> finish. `parentId` is the user message answered
  // (0 = the last user message of the conversation, if any).
  int64_t beginAssistantMessage(int64_t conversationId, int64_t parentId = 0);
  void appendToMessage(int64_t messageId, std::string_view piece);
  // Writes the text and sets the final state (Complete, Stopped or Error) and stats.
  void finishMessage(int64_t messageId, MessageState state, const MessageStats& stats = {});
  // Writes all pending streamed text now (e.g. from a UI timer while the model is slow).
  void flushStreaming();

  // Edit-and-resend: replaces the content of user message `messageId` and deletes every message
  // after it in its conversation, in one transaction. Returns how many messages were dropped.
  int editUserMessage(int64_t messageId, const std::string& newContent);

  // Regenerate: deletes the last assistant answer of the conversation (if the last message is
  // one) and begins a new streaming answer to the same user message, with regeneration + 1.
  // Returns the new message id; continue with appendToMessage / finishMessage.
  int64_t regenerateLastAnswer(int64_t conversationId);

  void deleteMessage(int64_t messageId);

  // ---- search ------------------------------------------------------------------------------
  // The query is split on white space; a message matches when it contains every term
  // (case-insensitive for ASCII). A term in double quotes may contain spaces. Newest first.
  std::vector<SearchHit> search(const std::string& query, const SearchOptions& options = {}) const;

  // ---- export / import (format: docs/STORAGE.md) ------------------------------------------
  ConversationSnapshot snapshot(int64_t conversationId) const;
  // JSON export, schema "mindllm-chat-export" version 1; Markdown for people. Written
  // atomically: the file at `path` is either the old one or the complete new one.
  void exportJson(const std::vector<int64_t>& conversationIds, const std::string& path) const;
  void exportMarkdown(const std::vector<int64_t>& conversationIds, const std::string& path) const;
  std::string exportJsonText(const std::vector<int64_t>& conversationIds) const;
  std::string exportMarkdownText(const std::vector<int64_t>& conversationIds) const;
  // Imports every conversation of a JSON export as new conversations (new ids), in one
  // transaction. A malformed file throws an Error naming the file and the field or index
  // (e.g. "conversations[2].messages[5].role") and leaves the database unchanged.
  // Returns the new conversation ids in file order.
  std::vector<int64_t> importJson(const std::string& path);
  std::vector<int64_t> importSnapshots(const std::vector<ConversationSnapshot>& snapshots);

  // ---- maintenance -------------------------------------------------------------------------
  // "ok" when PRAGMA integrity_check and the FTS5 index check find nothing wrong, else the problems.
  std::string integrityCheck() const;
  // Clock used for createdAt/updatedAt/deletedAt (ms since epoch). Tests set a fake one.
  void setClock(std::function<int64_t()> nowMs);
  sqlite3* handle() const;  // the raw connection, for tests and tools

private:
  struct Pending {  // streamed text of one answer not yet on disk
    std::string text;
    int64_t lastFlushMs = 0;
  };
  int64_t now() const;
  void touchConversation(int64_t conversationId, int64_t when);
  void requireConversation(int64_t id) const;
  void flushPending(int64_t messageId, Pending& pending);

  std::string path_;
  ChatStoreOptions options_;
  std::unique_ptr<SqliteDb> db_;
  std::function<int64_t()> clock_;
  std::map<int64_t, Pending> pending_;
};

}  // namespace mindllm::storage
