#include "core/storage/chat_store.h"

#include <sqlite3.h>

#include <chrono>

#include "core/storage/chat_export.h"
#include "core/storage/message_search.h"
#include "core/storage/schema_migrations.h"
#include "core/storage/search_query.h"
#include "core/storage/sql_builder.h"
#include "core/storage/sqlite_db.h"
#include "core/storage/transaction.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace mindllm::storage {
namespace {

const char* const kConversationColumns =
    "c.id, c.title, c.assistant, c.model_id, c.created_at, c.updated_at, c.pinned, c.settings_json, "
    "c.system_prompt, c.deleted_at, (SELECT COUNT(*) FROM messages mc WHERE mc.conversation_id = c.id)";

const char* const kMessageColumns =
    "m.id, m.conversation_id, m.role, m.content, m.created_at, m.state, m.tokens, m.tokens_per_second, "
    "m.parent_id, m.regeneration, m.error_text";

Conversation readConversation(const Statement& s) {
  Conversation c;
  c.id = s.int64At(0);
  c.title = s.textAt(1);
  c.assistant = s.textAt(2);
  c.modelId = s.textAt(3);
  c.createdAt = s.int64At(4);
  c.updatedAt = s.int64At(5);
  c.pinned = s.int64At(6) != 0;
  c.settingsJson = s.textAt(7);
  c.systemPrompt = s.textAt(8);
  c.deletedAt = s.int64At(9);
  c.messageCount = s.int64At(10);
  return c;
}

Message readMessage(const Statement& s) {
  Message m;
  m.id = s.int64At(0);
  m.conversationId = s.int64At(1);
  m.role = s.textAt(2);
  m.content = s.textAt(3);
  m.createdAt = s.int64At(4);
  m.state = messageStateFromString(s.textAt(5));
  m.tokens = s.int64At(6);
  m.tokensPerSecond = s.doubleAt(7);
  m.parentId = s.int64At(8);
  m.regeneration = static_cast<int>(s.int64At(9));
  m.errorText = s.textAt(10);
  return m;
}

int64_t steadyMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t systemMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void requireRole(const std::string& role) {
  if (role != kRoleUser && role != kRoleAssistant && role != kRoleSystem) {
    throw Error("unknown message role \"" + role + "\" (expected user, assistant or system)");
  }
}

// Adds "every term in this message" conditions for a parsed query to `q` (message alias m).
void addMessageMatch(SqliteDb& db, SqlBuilder& q, const SearchQuery& query) {
  bool impossible = false;
  const std::string match = indexExpression(db, query, impossible);
  if (impossible) q.add(" AND 0");
  if (!match.empty()) q.add(" AND m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)", match);
  for (const std::string& term : query.shortTerms) q.add(" AND mindllm_contains(m.content, ?)", term);
}

}  // namespace

int ChatStore::currentSchemaVersion() { return latestSchemaVersion(); }

ChatStore::ChatStore(const std::string& path, ChatStoreOptions options)
    : path_(path), options_(options), db_(std::make_unique<SqliteDb>(path, options.busyTimeoutMs)), clock_(systemMs) {
  {
    Statement journal = db_->prepare("PRAGMA journal_mode = WAL");
    const std::string mode = journal.step() ? journal.textAt(0) : std::string();
    if (mode != "wal") throw Error(path + ": cannot switch the database to WAL mode (journal_mode is " + mode + ")");
  }
  // FULL: a finished message survives a power cut too, not only a crash. Streamed text is written
  // in batches (StreamFlushPolicy), so the extra fsyncs stay few.
  db_->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
  registerSearchFunctions(*db_);
  migrateSchema(*db_);
}

ChatStore::~ChatStore() {
  try {
    flushStreaming();
  } catch (...) {
    // Closing must not throw; what could not be written is the last moments of one answer.
  }
}

const std::string& ChatStore::path() const { return path_; }
int ChatStore::schemaVersion() const { return static_cast<int>(db_->queryInt("PRAGMA user_version")); }
sqlite3* ChatStore::handle() const { return db_->raw(); }
void ChatStore::setClock(std::function<int64_t()> nowMs) { clock_ = nowMs ? std::move(nowMs) : systemMs; }
int64_t ChatStore::now() const { return clock_(); }

std::string ChatStore::integrityCheck() const {
  Statement s = db_->prepare("PRAGMA integrity_check");
  std::string result;
  while (s.step()) result += (result.empty() ? "" : "\n") + s.textAt(0);
  // The search index's own structure (PRAGMA integrity_check does not look inside FTS5 in 3.40).
  try {
    db_->exec("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')");
  } catch (const Error& e) {
    result = (result == "ok" ? std::string() : result + "\n") + "search index: " + e.what();
  }
  return result;
}

int ChatStore::recoverInterruptedMessages() {
  flushStreaming();
  Transaction tx(*db_);
  SqlBuilder q;
  q.add("UPDATE messages SET state = 'stopped' WHERE state = 'streaming'");
  for (const auto& entry : pending_) q.add(" AND id != ?", entry.first);  // ours are still live
  q.prepare(*db_).run();
  const int fixed = db_->changes();
  tx.commit();
  return fixed;
}

// ---- conversations ---------------------------------------------------------------------------

void ChatStore::requireConversation(int64_t id) const {
  Statement s = db_->prepare("SELECT deleted_at FROM conversations WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) throw Error(path_ + ": no conversation with id " + std::to_string(id));
  if (s.int64At(0) != 0) throw Error(path_ + ": conversation " + std::to_string(id) + " is deleted");
}

void ChatStore::touchConversation(int64_t conversationId, int64_t when) {
  db_->prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").bind(1, when).bind(2, conversationId).run();
}

Conversation ChatStore::createConversation(const Conversation& draft) {
  const int64_t t = now();
  Statement s = db_->prepare(
      "INSERT INTO conversations (title, assistant, model_id, created_at, updated_at, pinned, settings_json, system_prompt) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, draft.title).bind(2, draft.assistant.empty() ? std::string(kAssistantGeneral) : draft.assistant);
  s.bind(3, draft.modelId).bind(4, t).bind(5, t).bind(6, draft.pinned ? 1 : 0);
  s.bind(7, draft.settingsJson.empty() ? std::string("{}") : draft.settingsJson).bind(8, draft.systemPrompt);
  s.run();
  return *conversation(db_->lastInsertId());
}

std::optional<Conversation> ChatStore::conversation(int64_t id) const {
  Statement s = db_->prepare(std::string("SELECT ") + kConversationColumns + " FROM conversations c WHERE c.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return readConversation(s);
}

std::vector<Conversation> ChatStore::listConversations(const ConversationFilter& filter) const {
  SqlBuilder q;
  q.add(std::string("SELECT ") + kConversationColumns + " FROM conversations c WHERE ");
  q.add(filter.deleted ? "c.deleted_at != 0" : "c.deleted_at = 0");
  if (!filter.assistant.empty()) q.add(" AND c.assistant = ?", filter.assistant);
  if (filter.updatedFrom != 0) q.add(" AND c.updated_at >= ?", filter.updatedFrom);
  if (filter.updatedTo != 0) q.add(" AND c.updated_at < ?", filter.updatedTo);
  const SearchQuery query = parseSearchQuery(filter.text);
  if (!query.empty()) {
    q.add(" AND ((1");
    for (const std::string& term : query.terms) q.add(" AND mindllm_contains(c.title, ?)", term);
    q.add(") OR c.id IN (SELECT m.conversation_id FROM messages m WHERE 1");
    addMessageMatch(*db_, q, query);
    q.add("))");
  }
  q.add(filter.pinnedFirst ? " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC" : " ORDER BY c.updated_at DESC, c.id DESC");
  if (filter.limit > 0) q.add(" LIMIT ?", filter.limit);
  Statement s = q.prepare(*db_);
  std::vector<Conversation> out;
  while (s.step()) out.push_back(readConversation(s));
  return out;
}

namespace {
// UPDATE one column of a live conversation and bump updated_at; unknown or deleted ids throw.
template <typename T>
void updateColumn(SqliteDb& db, int64_t id, const char* column, const T& value, int64_t when, bool touch) {
  const std::string set = std::string("UPDATE conversations SET ") + column + " = ?";
  Statement s = db.prepare(set + (touch ? ", updated_at = ?" : "") + " WHERE id = ? AND deleted_at = 0");
  s.bind(1, value);
  if (touch) s.bind(2, when).bind(3, id);
  else s.bind(2, id);
  s.run();
  if (db.changes() == 0) throw Error(db.path() + ": no conversation with id " + std::to_string(id) + " (or it is deleted)");
}
}  // namespace

void ChatStore::renameConversation(int64_t id, const std::string& title) { updateColumn(*db_, id, "title", title, now(), true); }
// Pinning is not activity: it must not move the conversation in the newest-first order.
void ChatStore::setPinned(int64_t id, bool pinned) { updateColumn(*db_, id, "pinned", pinned ? 1 : 0, now(), false); }
void ChatStore::setAssistant(int64_t id, const std::string& assistant) {
  if (assistant.empty()) throw Error(path_ + ": the assistant of conversation " + std::to_string(id) + " cannot be empty");
  updateColumn(*db_, id, "assistant", assistant, now(), true);
}
void ChatStore::setModel(int64_t id, const std::string& modelId) { updateColumn(*db_, id, "model_id", modelId, now(), true); }
void ChatStore::setSystemPrompt(int64_t id, const std::string& prompt) {
  updateColumn(*db_, id, "system_prompt", prompt, now(), true);
}

void ChatStore::setGenerationSettings(int64_t id, const std::string& settingsJson) {
  const Json parsed = Json::parse(settingsJson, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw Error(path_ + ": generation settings of conversation " + std::to_string(id) + " must be a JSON object");
  }
  updateColumn(*db_, id, "settings_json", parsed.dump(), now(), true);
}

void ChatStore::deleteConversation(int64_t id) {
  requireConversation(id);
  db_->prepare("UPDATE conversations SET deleted_at = ? WHERE id = ?").bind(1, now()).bind(2, id).run();
}

void ChatStore::restoreConversation(int64_t id) {
  db_->prepare("UPDATE conversations SET deleted_at = 0 WHERE id = ?").bind(1, id).run();
  if (db_->changes() == 0) throw Error(path_ + ": no conversation with id " + std::to_string(id));
}

void ChatStore::purgeConversation(int64_t id) {
  Transaction tx(*db_);  // the cascade and the index triggers touch many rows
  db_->prepare("DELETE FROM conversations WHERE id = ?").bind(1, id).run();
  if (db_->changes() == 0) throw Error(path_ + ": no conversation with id " + std::to_string(id));
  tx.commit();
}

int ChatStore::purgeDeleted(int64_t deletedBefore) {
  Transaction tx(*db_);
  Statement s = db_->prepare("DELETE FROM conversations WHERE deleted_at != 0 AND (? = 0 OR deleted_at < ?)");
  s.bind(1, deletedBefore).bind(2, deletedBefore).run();
  const int removed = db_->changes();
  tx.commit();
  return removed;
}

// ---- messages --------------------------------------------------------------------------------

std::vector<Message> ChatStore::messages(int64_t conversationId) const {
  Statement s = db_->prepare(std::string("SELECT ") + kMessageColumns +
                             " FROM messages m WHERE m.conversation_id = ? ORDER BY m.created_at, m.id");
  s.bind(1, conversationId);
  std::vector<Message> out;
  while (s.step()) {
    out.push_back(readMessage(s));
    if (auto it = pending_.find(out.back().id); it != pending_.end()) out.back().content += it->second.text;
  }
  return out;
}

std::optional<Message> ChatStore::message(int64_t id) const {
  Statement s = db_->prepare(std::string("SELECT ") + kMessageColumns + " FROM messages m WHERE m.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  Message m = readMessage(s);
  if (auto it = pending_.find(id); it != pending_.end()) m.content += it->second.text;
  return m;
}

Message ChatStore::addMessage(int64_t conversationId, const std::string& role, const std::string& content) {
  requireRole(role);
  Transaction tx(*db_);
  requireConversation(conversationId);
  const int64_t t = now();
  db_->prepare("INSERT INTO messages (conversation_id, role, content, created_at, state) VALUES (?, ?, ?, ?, 'complete')")
      .bind(1, conversationId)
      .bind(2, role)
      .bind(3, content)
      .bind(4, t)
      .run();
  const int64_t id = db_->lastInsertId();
  touchConversation(conversationId, t);
  tx.commit();
  return *message(id);
}

int64_t ChatStore::beginAssistantMessage(int64_t conversationId, int64_t parentId) {
  Transaction tx(*db_);
  requireConversation(conversationId);
  if (parentId == 0) {
    Statement last = db_->prepare(
        "SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY created_at DESC, id DESC LIMIT 1");
    last.bind(1, conversationId);
    if (last.step()) parentId = last.int64At(0);
  }
  int regeneration = 0;
  if (parentId != 0) {
    // A second answer to the same question counts as a regeneration even if the UI did not say so.
    Statement prior = db_->prepare("SELECT MAX(regeneration) + 1 FROM messages WHERE parent_id = ? AND role = 'assistant'");
    prior.bind(1, parentId);
    if (prior.step() && !prior.isNull(0)) regeneration = static_cast<int>(prior.int64At(0));
  }
  const int64_t t = now();
  db_->prepare(
         "INSERT INTO messages (conversation_id, role, content, created_at, state, parent_id, regeneration) "
         "VALUES (?, 'assistant', '', ?, 'streaming', ?, ?)")
      .bind(1, conversationId)
      .bind(2, t)
      .bind(3, parentId)
      .bind(4, regeneration)
      .run();
  const int64_t id = db_->lastInsertId();
  touchConversation(conversationId, t);
  tx.commit();
  pending_[id] = Pending{std::string(), steadyMs()};
  return id;
}

void ChatStore::appendToMessage(int64_t messageId, std::string_view piece) {
  auto it = pending_.find(messageId);
  if (it == pending_.end()) {
    // Not begun by this store (e.g. reopened mid-answer): accept it only while it streams.
    const std::optional<Message> m = message(messageId);
    if (!m || m->state != MessageState::Streaming) {
      throw Error(path_ + ": message " + std::to_string(messageId) + " is not a streaming answer");
    }
    it = pending_.emplace(messageId, Pending{std::string(), steadyMs()}).first;
  }
  it->second.text.append(piece);
  const int64_t t = steadyMs();
  if (it->second.text.size() >= options_.flush.maxChars || t - it->second.lastFlushMs >= options_.flush.intervalMs) {
    flushPending(messageId, it->second);
  }
}

void ChatStore::flushPending(int64_t messageId, Pending& pending) {
  if (!pending.text.empty()) {
    // One statement is its own transaction: the row (and its index entry) gets all of the piece or none.
    db_->prepare("UPDATE messages SET content = content || ? WHERE id = ?").bind(1, pending.text).bind(2, messageId).run();
    pending.text.clear();
  }
  pending.lastFlushMs = steadyMs();
}

void ChatStore::flushStreaming() {
  for (auto& entry : pending_) flushPending(entry.first, entry.second);
}

void ChatStore::finishMessage(int64_t messageId, MessageState state, const MessageStats& stats) {
  if (state == MessageState::Streaming) throw Error(path_ + ": finishMessage needs a final state, not streaming");
  const std::optional<Message> m = message(messageId);
  if (!m) throw Error(path_ + ": no message with id " + std::to_string(messageId));
  if (m->role != kRoleAssistant) throw Error(path_ + ": message " + std::to_string(messageId) + " is not an answer");
  auto it = pending_.find(messageId);
  const std::string rest = it != pending_.end() ? it->second.text : std::string();
  Transaction tx(*db_);
  db_->prepare(
         "UPDATE messages SET content = content || ?, state = ?, tokens = ?, tokens_per_second = ?, error_text = ? "
         "WHERE id = ?")
      .bind(1, rest)
      .bind(2, toString(state))
      .bind(3, stats.tokens)
      .bind(4, stats.tokensPerSecond)
      .bind(5, stats.errorText)
      .bind(6, messageId)
      .run();
  touchConversation(m->conversationId, now());
  tx.commit();
  if (it != pending_.end()) pending_.erase(it);
}

int ChatStore::editUserMessage(int64_t messageId, const std::string& newContent) {
  const std::optional<Message> m = message(messageId);
  if (!m) throw Error(path_ + ": no message with id " + std::to_string(messageId));
  if (m->role != kRoleUser) throw Error(path_ + ": message " + std::to_string(messageId) + " is not a user message");
  Transaction tx(*db_);
  requireConversation(m->conversationId);
  db_->prepare("UPDATE messages SET content = ? WHERE id = ?").bind(1, newContent).bind(2, messageId).run();
  Statement drop = db_->prepare(
      "DELETE FROM messages WHERE conversation_id = ? AND (created_at > ? OR (created_at = ? AND id > ?))");
  drop.bind(1, m->conversationId).bind(2, m->createdAt).bind(3, m->createdAt).bind(4, messageId).run();
  const int dropped = db_->changes();
  touchConversation(m->conversationId, now());
  tx.commit();
  // Answers that were streaming after the edited message are gone; stop buffering their text.
  for (auto it = pending_.begin(); it != pending_.end();) it = message(it->first) ? std::next(it) : pending_.erase(it);
  return dropped;
}

int64_t ChatStore::regenerateLastAnswer(int64_t conversationId) {
  Transaction tx(*db_);
  requireConversation(conversationId);
  Statement last = db_->prepare(std::string("SELECT ") + kMessageColumns +
                                " FROM messages m WHERE m.conversation_id = ? ORDER BY m.created_at DESC, m.id DESC LIMIT 1");
  last.bind(1, conversationId);
  if (!last.step()) throw Error(path_ + ": conversation " + std::to_string(conversationId) + " has nothing to regenerate");
  const Message lastMessage = readMessage(last);
  int64_t parentId = 0;
  if (lastMessage.role == kRoleAssistant) {
    parentId = lastMessage.parentId;
    db_->prepare("DELETE FROM messages WHERE id = ?").bind(1, lastMessage.id).run();
    pending_.erase(lastMessage.id);
  } else if (lastMessage.role == kRoleUser) {
    parentId = lastMessage.id;
  } else {
    throw Error(path_ + ": conversation " + std::to_string(conversationId) + " has no question to answer again");
  }
  const int64_t id = beginAssistantMessage(conversationId, parentId);  // nested: a savepoint
  // The replaced answer is gone, so count regenerations from it rather than from what remains.
  if (lastMessage.role == kRoleAssistant) {
    db_->prepare("UPDATE messages SET regeneration = ? WHERE id = ?").bind(1, lastMessage.regeneration + 1).bind(2, id).run();
  }
  tx.commit();
  return id;
}

void ChatStore::deleteMessage(int64_t messageId) {
  const std::optional<Message> m = message(messageId);
  if (!m) throw Error(path_ + ": no message with id " + std::to_string(messageId));
  Transaction tx(*db_);
  db_->prepare("DELETE FROM messages WHERE id = ?").bind(1, messageId).run();
  touchConversation(m->conversationId, now());
  tx.commit();
  pending_.erase(messageId);
}

// ---- search ----------------------------------------------------------------------------------

std::vector<SearchHit> ChatStore::search(const std::string& text, const SearchOptions& options) const {
  return searchMessages(*db_, text, options);
}

// ---- export / import -------------------------------------------------------------------------

ConversationSnapshot ChatStore::snapshot(int64_t conversationId) const {
  std::optional<Conversation> c = conversation(conversationId);
  if (!c) throw Error(path_ + ": no conversation with id " + std::to_string(conversationId));
  return ConversationSnapshot{*c, messages(conversationId)};
}

std::string ChatStore::exportJsonText(const std::vector<int64_t>& ids) const {
  std::vector<ConversationSnapshot> snapshots;
  for (int64_t id : ids) snapshots.push_back(snapshot(id));
  return snapshotsToJson(snapshots, now()).dump(2) + "\n";
}

std::string ChatStore::exportMarkdownText(const std::vector<int64_t>& ids) const {
  std::vector<ConversationSnapshot> snapshots;
  for (int64_t id : ids) snapshots.push_back(snapshot(id));
  return snapshotsToMarkdown(snapshots, now());
}

void ChatStore::exportJson(const std::vector<int64_t>& ids, const std::string& path) const {
  writeFileAtomic(path, exportJsonText(ids));
}

void ChatStore::exportMarkdown(const std::vector<int64_t>& ids, const std::string& path) const {
  writeFileAtomic(path, exportMarkdownText(ids));
}

std::vector<int64_t> ChatStore::importJson(const std::string& path) {
  return importSnapshots(snapshotsFromJson(readJsonFile(path), path));
}

std::vector<int64_t> ChatStore::importSnapshots(const std::vector<ConversationSnapshot>& snapshots) {
  const int64_t t = now();
  Transaction tx(*db_);
  Statement insertConversation = db_->prepare(
      "INSERT INTO conversations (title, assistant, model_id, created_at, updated_at, pinned, settings_json, system_prompt) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement insertMessage = db_->prepare(
      "INSERT INTO messages (conversation_id, role, content, created_at, state, tokens, tokens_per_second, parent_id, "
      "regeneration, error_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::vector<int64_t> ids;
  for (const ConversationSnapshot& s : snapshots) {
    const Conversation& c = s.conversation;
    const int64_t created = c.createdAt != 0 ? c.createdAt : t;
    insertConversation.reset();
    insertConversation.bind(1, c.title).bind(2, c.assistant.empty() ? std::string(kAssistantGeneral) : c.assistant);
    insertConversation.bind(3, c.modelId).bind(4, created).bind(5, c.updatedAt != 0 ? c.updatedAt : created);
    insertConversation.bind(6, c.pinned ? 1 : 0).bind(7, c.settingsJson.empty() ? std::string("{}") : c.settingsJson);
    insertConversation.bind(8, c.systemPrompt).run();
    const int64_t conversationId = db_->lastInsertId();
    ids.push_back(conversationId);

    std::map<int64_t, int64_t> newIdOf;  // message ids in the snapshot -> ids in this database
    for (const Message& m : s.messages) {
      requireRole(m.role);
      const auto parent = newIdOf.find(m.parentId);
      const MessageState state = m.state == MessageState::Streaming ? MessageState::Stopped : m.state;
      insertMessage.reset();
      insertMessage.bind(1, conversationId).bind(2, m.role).bind(3, m.content).bind(4, m.createdAt != 0 ? m.createdAt : created);
      insertMessage.bind(5, toString(state)).bind(6, m.tokens).bind(7, m.tokensPerSecond);
      insertMessage.bind(8, parent != newIdOf.end() ? parent->second : int64_t{0}).bind(9, m.regeneration);
      insertMessage.bind(10, m.errorText).run();
      if (m.id != 0) newIdOf[m.id] = db_->lastInsertId();
    }
  }
  tx.commit();
  return ids;
}

}  // namespace mindllm::storage
