#pragma once
// Full-text search over messages, newest first, without reading every hit of a common word.
//
// Terms of 3+ characters go through the FTS5 trigram index, walked in descending rowid (message
// id) order and stopped after `limit` hits. Ids follow time except for imported history, so a
// second, cheap pass adds any hit with a smaller id but a newer time than the last hit kept
// (found through the created_at index); the result is exactly the newest `limit` hits.
// Terms of 1-2 characters (trigrams cannot hold them; common in Chinese: "合同", "债") become the OR
// of the indexed trigrams that start with them, looked up by prefix in the index's vocabulary.
// Only when a short term starts very many trigrams (a very common character) does the search
// scan messages newest first through the created_at index with a fast substring test
// (mindllm_contains), stopping after `limit` hits, which come quickly for such a term.
#include <string>
#include <vector>

#include "core/storage/chat_records.h"

struct sqlite3;

namespace mindllm::storage {

class SqliteDb;

// Registers the SQL function mindllm_contains(text, term): 1 when `term` occurs in `text`,
// ignoring ASCII case (as the trigram index does). Called once per connection.
void registerSearchFunctions(SqliteDb& db);

struct SearchQuery;

// The FTS5 MATCH expression for `query`: long terms as phrases, each short term as the OR of the
// trigrams starting with it (or left out, to be checked with mindllm_contains, when it starts too
// many). Empty when nothing can use the index. Sets `impossible` when a short term occurs nowhere.
std::string indexExpression(SqliteDb& db, const SearchQuery& query, bool& impossible);

std::vector<SearchHit> searchMessages(SqliteDb& db, const std::string& text, const SearchOptions& options);

}  // namespace mindllm::storage
