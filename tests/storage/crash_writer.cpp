// The writer half of the crash test: streams answers into a chat database forever, the way the
// app does, until the test kills it with SIGKILL. Prints "finished <round>" after each complete
// round and "appended <round> <pieces>" after each piece, flushing stdout, so the test knows how
// far it got.
//   storage_crash_writer <db path> <conversation title> [microseconds between pieces]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "core/storage/chat_store.h"
#include "storage/crash_script.h"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: storage_crash_writer <db path> <title> [microseconds between pieces]\n");
    return 2;
  }
  // 0 = as fast as possible: the kill then often lands inside a write.
  const int delayMicros = argc == 4 ? std::atoi(argv[3]) : crash_script::kPieceDelayMicros;
  try {
    mindllm::storage::ChatStore store(argv[1]);  // default flush policy: the app's
    const int64_t conversation = store.createConversation([&] {
      mindllm::storage::Conversation c;
      c.title = argv[2];
      c.assistant = mindllm::storage::kAssistantLegal;
      return c;
    }()).id;
    std::printf("conversation %lld\n", static_cast<long long>(conversation));
    std::fflush(stdout);
    for (int round = 0;; ++round) {
      store.addMessage(conversation, mindllm::storage::kRoleUser, crash_script::question(round));
      const int64_t answer = store.beginAssistantMessage(conversation);
      for (int i = 0; i < crash_script::kPieces; ++i) {
        store.appendToMessage(answer, crash_script::piece(round, i));
        std::printf("appended %d %d\n", round, i + 1);
        std::fflush(stdout);
        if (delayMicros > 0) std::this_thread::sleep_for(std::chrono::microseconds(delayMicros));
      }
      store.finishMessage(answer, mindllm::storage::MessageState::Complete, {crash_script::kPieces, 100.0, ""});
      std::printf("finished %d\n", round);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "storage_crash_writer: %s\n", e.what());
    return 1;
  }
}
