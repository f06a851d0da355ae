#pragma once
// GPT-2's pre-tokenizer: splits text into words, numbers, punctuation runs and whitespace runs with
// the regex Hugging Face's ByteLevel pre-tokenizer uses. BPE merges never cross these pieces.
// Runs on PCRE2 (UTF + UCP, JIT-compiled); one instance may be shared by many threads.
#include <functional>
#include <string_view>
#include <vector>

namespace mindllm {

class Gpt2PreTokenizer {
public:
  Gpt2PreTokenizer();
  ~Gpt2PreTokenizer();
  Gpt2PreTokenizer(const Gpt2PreTokenizer&) = delete;
  Gpt2PreTokenizer& operator=(const Gpt2PreTokenizer&) = delete;

  // Calls `piece` for each piece of `text`, in order; the pieces cover the text exactly.
  // `text` must be valid UTF-8.
  void split(std::string_view text, const std::function<void(std::string_view)>& piece) const;
  std::vector<std::string_view> split(std::string_view text) const;

private:
  struct Impl;
  Impl* impl_;
};

}  // namespace mindllm
