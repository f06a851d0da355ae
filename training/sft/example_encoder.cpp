#include "training/sft/example_encoder.h"

#include "core/util/utf8.h"
#include "training/eval/segment_encoding.h"

namespace mindllm::sft {

int64_t EncodedExample::trainedTokens() const {
  int64_t n = 0;
  for (uint8_t t : trained) n += t;
  return n;
}

bool looksChinese(const std::string& text) {
  for (char32_t cp : utf8::decode(text))
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) return true;
  return false;
}

std::string SystemPrompt::forConversation(const Conversation& c) const {
  if (!fixed.empty()) return fixed;
  std::string user;
  for (const auto& m : c.messages)
    if (m.role == "user") user += m.content;
  return looksChinese(user) ? zh : en;
}

ExampleEncoder::ExampleEncoder(const Tokenizer& tokenizer, ChatTemplate chatTemplate, SystemPrompt systemPrompt)
    : tokenizer_(tokenizer), template_(std::move(chatTemplate)), systemPrompt_(std::move(systemPrompt)) {}

EncodedExample ExampleEncoder::encode(const Conversation& conversation) const {
  std::vector<ChatMessage> messages = conversation.messages;
  const bool hasSystem = !messages.empty() && messages.front().role == "system";
  if (!hasSystem) {
    const std::string system = systemPrompt_.forConversation(conversation);
    if (!system.empty()) messages.insert(messages.begin(), ChatMessage{"system", system});
  }
  // render() concatenates one piece per message, so the pieces are rendered one at a time; the
  // generation prompt with no messages is the text that opens an assistant turn.
  const std::string open = template_.render({}, /*addGenerationPrompt=*/true);
  EncodedExample out;
  std::string context, previous;
  auto append = [&](const std::string& text, bool trained) {
    const auto ids = eval::encodeAfter(tokenizer_, previous, text);
    out.ids.insert(out.ids.end(), ids.begin(), ids.end());
    out.trained.insert(out.trained.end(), ids.size(), trained ? 1 : 0);
    previous = text;
  };
  for (const ChatMessage& m : messages) {
    if (m.role != "assistant") {
      context += template_.render({m}, false);
      continue;
    }
    const std::string turn = template_.render({m}, false);  // open + reply + close
    append(context + open, false);
    append(turn.substr(open.size()), true);
    context.clear();
  }
  return out;
}

}  // namespace mindllm::sft
