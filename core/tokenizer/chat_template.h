#pragma once
// Chat prompt formats as named templates. The template name is stored with the model (in
// tokenizer_config.json as "mindllm_chat_template"), so a model always gets the format it was
// trained with.
#include <string>
#include <vector>

namespace mindllm {

struct ChatMessage {
  std::string role;     // "system", "user" or "assistant"
  std::string content;
};

class ChatTemplate {
public:
  // Known names: "mindllm" (MindLLM chat: "<user>\n...\n<assistant>\n"), "chatml", "plain".
  static ChatTemplate byName(const std::string& name);  // throws Error for an unknown name
  static std::vector<std::string> names();

  const std::string& name() const { return name_; }

  // The prompt text for a conversation; with addGenerationPrompt the assistant's turn is opened.
  std::string render(const std::vector<ChatMessage>& messages, bool addGenerationPrompt = true) const;

  // Strings that end an assistant turn (used as stop strings in generation), e.g. "<user>".
  std::vector<std::string> stopStrings() const;

  // Text that closes a finished assistant turn in training data (e.g. "<|endoftext|>").
  std::string assistantTurnEnd() const;

private:
  explicit ChatTemplate(std::string name) : name_(std::move(name)) {}
  std::string name_;
};

}  // namespace mindllm
