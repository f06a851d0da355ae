#pragma once
// A conversation as training tokens: rendered with the model's chat template exactly as the chat
// app renders a prompt, with a mark on the tokens the loss covers — the assistant's replies and
// the text that closes each reply (so the model learns to stop), never the system prompt, the
// user's turns or the template's role markers.
//
// Context and replies are tokenized as separate segments, each reply as it tokenizes after the
// context before it (eval/segment_encoding.h), so a reply's ids are those the model would have
// to generate after the prompt the app sends.
#include <cstdint>
#include <string>
#include <vector>

#include "core/tokenizer/chat_template.h"
#include "core/tokenizer/tokenizer.h"
#include "training/sft/conversation.h"

namespace mindllm::sft {

struct EncodedExample {
  std::vector<TokenId> ids;
  std::vector<uint8_t> trained;  // 1 where ids[i] is a reply token the loss covers
  int64_t trainedTokens() const;
};

// The system prompt a conversation without one gets: a fixed text, or one per language (a domain
// pack's Chinese and English prompts, picked by whether the user's turns contain CJK characters).
struct SystemPrompt {
  std::string fixed;
  std::string zh, en;
  std::string forConversation(const Conversation& c) const;
};

// True when the text has CJK ideographs (the conversation is taken as Chinese).
bool looksChinese(const std::string& text);

class ExampleEncoder {
public:
  ExampleEncoder(const Tokenizer& tokenizer, ChatTemplate chatTemplate, SystemPrompt systemPrompt = {});
  EncodedExample encode(const Conversation& conversation) const;

private:
  const Tokenizer& tokenizer_;
  ChatTemplate template_;
  SystemPrompt systemPrompt_;
};

}  // namespace mindllm::sft
