#include "core/storage/chat_records.h"

#include "core/util/error.h"

namespace mindllm::storage {

const char* toString(MessageState state) {
  switch (state) {
    case MessageState::Complete: return "complete";
    case MessageState::Streaming: return "streaming";
    case MessageState::Stopped: return "stopped";
    case MessageState::Error: return "error";
  }
  return "complete";
}

MessageState messageStateFromString(const std::string& name) {
  if (name == "complete") return MessageState::Complete;
  if (name == "streaming") return MessageState::Streaming;
  if (name == "stopped") return MessageState::Stopped;
  if (name == "error") return MessageState::Error;
  throw Error("unknown message state \"" + name + "\" (expected complete, streaming, stopped or error)");
}

}  // namespace mindllm::storage
