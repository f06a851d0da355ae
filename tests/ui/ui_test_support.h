#pragma once
// Shared by the UI tests: a real chat database in a temporary folder and a settings file beside it.
#include <QDir>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <memory>

#include "core/storage/chat_store.h"
#include "ui/app_settings.h"
#include "ui/assistant_catalog.h"
#include "ui/workers/search_worker.h"

namespace mindllm::ui::test {

struct TempProfile {
  QTemporaryDir dir;
  std::unique_ptr<storage::ChatStore> store;
  std::unique_ptr<AppSettings> settings;

  TempProfile() {
    if (!dir.isValid()) qFatal("cannot create a temporary folder");
    store = std::make_unique<storage::ChatStore>(dbPath().toStdString());
    settings = std::make_unique<AppSettings>(dir.filePath(QStringLiteral("settings.ini")));
  }
  QString dbPath() const { return dir.filePath(QStringLiteral("chats.sqlite")); }
  QString path(const QString& name) const { return dir.filePath(name); }
};

// A SearchWorker on its own thread with its own connection to `dbPath`, as MainWindow runs it.
struct SearchThread {
  QThread thread;
  SearchWorker* worker;  // deleted on its thread when the thread finishes

  explicit SearchThread(const QString& dbPath) : worker(startSearchWorker(thread, dbPath)) {}
  ~SearchThread() {
    thread.quit();
    thread.wait();
  }
};

// The assistants as the app embeds them (the same files as domains/*/assistant.json).
inline AssistantCatalog testAssistants() { return AssistantCatalog::fromResources(); }

}  // namespace mindllm::ui::test
