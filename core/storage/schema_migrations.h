#pragma once
// The schema of the chat history database, as an ordered list of migrations. PRAGMA user_version
// holds the version of the file; opening runs every step above it, each in its own transaction
// together with the version bump, so a crash mid-way leaves a file at a whole version.
namespace mindllm::storage {

class SqliteDb;

// The version the last migration produces.
int latestSchemaVersion();

// Brings the file to latestSchemaVersion(). Throws Error (naming the file) when the file is newer
// than this code or a step fails; the failing step leaves the file at the previous version.
void migrateSchema(SqliteDb& db);

}  // namespace mindllm::storage
