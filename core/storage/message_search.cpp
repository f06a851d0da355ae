#include "core/storage/message_search.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/storage/search_query.h"
#include "core/storage/sql_builder.h"
#include "core/storage/sqlite_db.h"
#include "core/util/error.h"

namespace mindllm::storage {
namespace {

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// Substring test ignoring ASCII case. Terms without ASCII letters (all Chinese ones) use memmem,
// which is much faster than LIKE's character-by-character matching.
bool containsFolded(const char* text, size_t textLen, const char* term, size_t termLen) {
  if (termLen == 0) return true;
  if (termLen > textLen) return false;
  const bool hasLetters = std::any_of(term, term + termLen, [](char c) { return lowerAscii(c) != c || (c >= 'a' && c <= 'z'); });
  if (!hasLetters) return memmem(text, textLen, term, termLen) != nullptr;
  for (size_t i = 0; i + termLen <= textLen; ++i) {
    size_t k = 0;
    while (k < termLen && lowerAscii(text[i + k]) == lowerAscii(term[k])) ++k;
    if (k == termLen) return true;
  }
  return false;
}

void containsFunction(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  const auto* term = reinterpret_cast<const char*>(sqlite3_value_text(args[1]));
  if (!text || !term) {
    sqlite3_result_int(context, 0);
    return;
  }
  const auto textLen = static_cast<size_t>(sqlite3_value_bytes(args[0]));
  const auto termLen = static_cast<size_t>(sqlite3_value_bytes(args[1]));
  sqlite3_result_int(context, containsFolded(text, textLen, term, termLen) ? 1 : 0);
}

struct Candidate {
  SearchHit hit;
  std::string content;
};

// Adds the filters every search applies besides the index: assistant, conversation, short terms.
void appendFilters(SqlBuilder& q, const SearchQuery& query, const SearchOptions& options) {
  if (options.conversationId != 0) q.add(" AND m.conversation_id = ?", options.conversationId);
  if (!options.assistant.empty()) q.add(" AND c.assistant = ?", options.assistant);
  for (const std::string& term : query.shortTerms) q.add(" AND mindllm_contains(m.content, ?)", term);
}

const char* const kHitColumns = "m.id, m.conversation_id, m.role, m.content, m.created_at, c.title, c.assistant";

Candidate readCandidate(const Statement& s) {
  Candidate c;
  c.hit.messageId = s.int64At(0);
  c.hit.conversationId = s.int64At(1);
  c.hit.role = s.textAt(2);
  c.content = s.textAt(3);
  c.hit.createdAt = s.int64At(4);
  c.hit.conversationTitle = s.textAt(5);
  c.hit.assistant = s.textAt(6);
  return c;
}

// Looks up one message found in the index and applies what the index could not check: the
// conversation is live, the filters, the short terms.
class RowFilter {
public:
  RowFilter(SqliteDb& db, const SearchQuery& query, const SearchOptions& options)
      : builder_(build(query, options)), stmt_(db.prepare(builder_.sql)) {}

  std::optional<Candidate> check(int64_t messageId) {
    stmt_.reset();
    builder_.bindTo(stmt_);
    stmt_.bind(1, messageId);
    if (!stmt_.step()) return std::nullopt;
    return readCandidate(stmt_);
  }

private:
  static SqlBuilder build(const SearchQuery& query, const SearchOptions& options) {
    SqlBuilder q;
    q.add(std::string("SELECT ") + kHitColumns +
              " FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ? AND c.deleted_at = 0",
          int64_t{0});
    appendFilters(q, query, options);
    return q;
  }

  SqlBuilder builder_;
  Statement stmt_;
};

bool newerFirst(const Candidate& a, const Candidate& b) {
  return a.hit.createdAt != b.hit.createdAt ? a.hit.createdAt > b.hit.createdAt : a.hit.messageId > b.hit.messageId;
}

// More trigrams than this for one short term (a very common character) make the OR query slower
// than scanning newest first, which then stops early because hits are everywhere.
constexpr int kMaxPrefixTrigrams = 400;

std::string quotePhrase(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The FTS5 expression for the whole query: long terms as phrases, each short term as the OR of
// the indexed trigrams that start with it (complete thanks to the two U+E000 appended to every
// text, see schema_migrations.cpp). Sets `impossible` when some short term occurs nowhere.
}  // namespace

std::string indexExpression(SqliteDb& db, const SearchQuery& query, bool& impossible) {
  std::string match = query.ftsMatch;
  if (query.shortTerms.empty()) return match;
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_vocab USING fts5vocab(main, messages_fts, 'row')");
  Statement prefix = db.prepare("SELECT term FROM temp.messages_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2");
  for (const std::string& term : query.shortTerms) {
    std::string folded = term;
    for (char& c : folded) c = lowerAscii(c);  // the index folds case the same way
    prefix.reset();
    prefix.bind(1, folded).bind(2, kMaxPrefixTrigrams + 1);
    std::vector<std::string> trigrams;
    while (prefix.step()) trigrams.push_back(prefix.textAt(0));
    if (trigrams.empty()) {
      impossible = true;
      return {};
    }
    if (trigrams.size() > static_cast<size_t>(kMaxPrefixTrigrams)) continue;  // checked by mindllm_contains
    std::string any;
    for (const std::string& t : trigrams) any += (any.empty() ? "" : " OR ") + quotePhrase(t);
    match += (match.empty() ? "(" : " AND (") + any + ")";
  }
  return match;
}

namespace {

std::vector<Candidate> searchIndexed(SqliteDb& db, const std::string& match, const SearchQuery& query,
                                     const SearchOptions& options, size_t limit) {
  RowFilter filter(db, query, options);
  std::vector<Candidate> found;
  Statement walk = db.prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC");
  walk.bind(1, match);
  int64_t lowestId = 0;
  bool exhausted = true;
  while (walk.step()) {
    lowestId = walk.int64At(0);
    if (auto c = filter.check(lowestId)) found.push_back(std::move(*c));
    if (found.size() == limit) {
      exhausted = false;
      break;
    }
  }
  if (exhausted) return found;

  // Hits with a smaller id but a time at least as new as the oldest hit kept (imported history).
  const int64_t oldestKept = std::min_element(found.begin(), found.end(), [](auto& a, auto& b) { return newerFirst(b, a); })->hit.createdAt;
  Statement later = db.prepare("SELECT id FROM messages WHERE created_at >= ? AND id < ?");
  later.bind(1, oldestKept).bind(2, lowestId);
  Statement inIndex = db.prepare("SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? AND rowid = ?");
  while (later.step()) {
    const int64_t id = later.int64At(0);
    inIndex.reset();
    inIndex.bind(1, match).bind(2, id);
    if (!inIndex.step()) continue;
    if (auto c = filter.check(id)) found.push_back(std::move(*c));
  }
  return found;
}

std::vector<Candidate> searchByScan(SqliteDb& db, const SearchQuery& query, const SearchOptions& options, size_t limit) {
  // CROSS JOIN and INDEXED BY keep SQLite walking messages newest first, so it can stop at `limit`.
  SqlBuilder q;
  q.add(std::string("SELECT ") + kHitColumns +
        " FROM messages m INDEXED BY messages_by_time CROSS JOIN conversations c ON c.id = m.conversation_id"
        " WHERE c.deleted_at = 0");
  appendFilters(q, query, options);
  q.add(" ORDER BY m.created_at DESC, m.id DESC LIMIT ?", static_cast<int64_t>(limit));
  Statement s = q.prepare(db);
  std::vector<Candidate> found;
  while (s.step()) found.push_back(readCandidate(s));
  return found;
}

}  // namespace

void registerSearchFunctions(SqliteDb& db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  if (sqlite3_create_function_v2(db.raw(), "mindllm_contains", 2, flags, nullptr, containsFunction, nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    db.fail("cannot register the search function");
  }
}

std::vector<SearchHit> searchMessages(SqliteDb& db, const std::string& text, const SearchOptions& options) {
  const SearchQuery query = parseSearchQuery(text);
  if (query.empty()) return {};
  const size_t limit = static_cast<size_t>(options.limit > 0 ? options.limit : 50);
  bool impossible = false;
  const std::string match = indexExpression(db, query, impossible);
  if (impossible) return {};
  std::vector<Candidate> found =
      match.empty() ? searchByScan(db, query, options, limit) : searchIndexed(db, match, query, options, limit);
  std::sort(found.begin(), found.end(), newerFirst);
  if (found.size() > limit) found.resize(limit);

  const SnippetStyle style{options.markOpen, options.markClose, options.escapeHtml, options.snippetChars};
  std::vector<SearchHit> hits;
  for (Candidate& c : found) {
    c.hit.snippet = makeSnippet(c.content, query.terms, style);
    hits.push_back(std::move(c.hit));
  }
  return hits;
}

}  // namespace mindllm::storage
