#include "training/eval/segment_encoding.h"

#include <algorithm>
#include <string>

namespace mindllm::eval {

std::vector<TokenId> encodeAfter(const Tokenizer& tokenizer, std::string_view anchor, std::string_view text) {
  if (anchor.empty()) return tokenizer.encode(text);
  const auto head = tokenizer.encode(anchor);
  auto whole = tokenizer.encode(std::string(anchor) + std::string(text));
  if (whole.size() >= head.size() && std::equal(head.begin(), head.end(), whole.begin())) {
    whole.erase(whole.begin(), whole.begin() + static_cast<long>(head.size()));
    return whole;
  }
  return tokenizer.encode(text);
}

}  // namespace mindllm::eval
