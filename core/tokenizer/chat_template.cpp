#include "core/tokenizer/chat_template.h"

#include "core/util/error.h"

namespace mindllm {
namespace {

// A template is text around each message, by role.
struct Format {
  const char* name;
  const char* systemOpen;
  const char* systemClose;
  const char* userOpen;
  const char* userClose;
  const char* assistantOpen;   // also the generation prompt
  const char* assistantClose;  // closes a finished assistant turn (training data)
  std::vector<std::string> stops;
};

const std::vector<Format>& formats() {
  static const std::vector<Format> all = {
      // MindLLM chat models (model card): "<user>\n{question}\n<assistant>\n{answer}<|endoftext|>";
      // a system message is plain text on its own line at the start.
      {"mindllm", "", "\n", "<user>\n", "\n", "<assistant>\n", "<|endoftext|>", {"<user>", "<|endoftext|>"}},
      {"chatml", "<|im_start|>system\n", "<|im_end|>\n", "<|im_start|>user\n", "<|im_end|>\n",
       "<|im_start|>assistant\n", "<|im_end|>\n", {"<|im_end|>", "<|im_start|>"}},
      // Base models: the conversation is plain text to continue, one message per line.
      {"plain", "", "\n", "", "\n", "", "\n", {}},
  };
  return all;
}

const Format& formatOf(const std::string& name) {
  for (const Format& f : formats())
    if (name == f.name) return f;
  throw Error("unknown chat template '" + name + "'");  // byName() checked it already
}

}  // namespace

ChatTemplate ChatTemplate::byName(const std::string& name) {
  for (const Format& f : formats())
    if (name == f.name) return ChatTemplate(name);
  std::string known;
  for (const std::string& n : names()) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown chat template '" + name + "' (known: " + known + ")");
}

std::vector<std::string> ChatTemplate::names() {
  std::vector<std::string> out;
  for (const Format& f : formats()) out.emplace_back(f.name);
  return out;
}

std::string ChatTemplate::render(const std::vector<ChatMessage>& messages, bool addGenerationPrompt) const {
  const Format& f = formatOf(name_);
  std::string out;
  for (const ChatMessage& m : messages) {
    if (m.role == "system")
      out += f.systemOpen + m.content + f.systemClose;
    else if (m.role == "user")
      out += f.userOpen + m.content + f.userClose;
    else if (m.role == "assistant")
      out += f.assistantOpen + m.content + f.assistantClose;
    else
      throw Error("chat template '" + name_ + "': unknown role '" + m.role + "' (expected system, user or assistant)");
  }
  if (addGenerationPrompt) out += f.assistantOpen;
  return out;
}

std::vector<std::string> ChatTemplate::stopStrings() const { return formatOf(name_).stops; }

std::string ChatTemplate::assistantTurnEnd() const { return formatOf(name_).assistantClose; }

}  // namespace mindllm
