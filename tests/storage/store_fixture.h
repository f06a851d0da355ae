#pragma once
// Shared by the storage tests: a fresh database file in a temporary folder and a fake clock, so
// that ordering by time is deterministic (every reading is one second after the previous one).
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <memory>
#include <string>

#include "core/storage/chat_store.h"

namespace storage_test {

struct FakeClock {
  int64_t nowMs = 1'700'000'000'000;  // 2023-11-14
  int64_t operator()() { return nowMs += 1000; }
};

inline std::string dbPath(const QTemporaryDir& dir, const char* name = "chats.sqlite") {
  return dir.filePath(name).toStdString();
}

inline std::unique_ptr<mindllm::storage::ChatStore> openStore(const std::string& path,
                                                              std::shared_ptr<FakeClock> clock = nullptr,
                                                              mindllm::storage::ChatStoreOptions options = {}) {
  auto store = std::make_unique<mindllm::storage::ChatStore>(path, options);
  if (!clock) clock = std::make_shared<FakeClock>();
  store->setClock([clock] { return (*clock)(); });
  return store;
}

inline mindllm::storage::Conversation draft(const std::string& title, const std::string& assistant = "general") {
  mindllm::storage::Conversation c;
  c.title = title;
  c.assistant = assistant;
  return c;
}

}  // namespace storage_test
