#include "core/tokenizer/added_token_splitter.h"

#include <algorithm>

namespace mindllm {

AddedTokenSplitter::AddedTokenSplitter(const std::vector<AddedToken>& tokens)
    : special_(buildIndex(tokens, true)), normal_(buildIndex(tokens, false)) {}

AddedTokenSplitter::Index AddedTokenSplitter::buildIndex(const std::vector<AddedToken>& tokens, bool special) {
  Index index(256);
  for (const AddedToken& t : tokens) {
    if (t.special != special || t.content.empty()) continue;
    index[static_cast<unsigned char>(t.content[0])].push_back({t.content, t.id});
  }
  for (auto& bucket : index)
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const Pattern& a, const Pattern& b) { return a.content.size() > b.content.size(); });
  return index;
}

void AddedTokenSplitter::splitWith(const Index& index, std::string_view text, std::vector<Piece>& out) {
  size_t start = 0;  // beginning of the plain text not yet emitted
  size_t i = 0;
  while (i < text.size()) {
    const Pattern* hit = nullptr;
    for (const Pattern& p : index[static_cast<unsigned char>(text[i])]) {
      if (text.compare(i, p.content.size(), p.content) == 0) {
        hit = &p;  // buckets are sorted longest first
        break;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    if (i > start) out.push_back({text.substr(start, i - start), std::nullopt});
    out.push_back({text.substr(i, hit->content.size()), hit->id});
    i += hit->content.size();
    start = i;
  }
  if (start < text.size()) out.push_back({text.substr(start), std::nullopt});
}

std::vector<AddedTokenSplitter::Piece> AddedTokenSplitter::split(std::string_view text) const {
  std::vector<Piece> bySpecial;
  splitWith(special_, text, bySpecial);
  std::vector<Piece> out;
  out.reserve(bySpecial.size());
  for (const Piece& p : bySpecial) {
    if (p.id)
      out.push_back(p);
    else
      splitWith(normal_, p.text, out);
  }
  return out;
}

}  // namespace mindllm
