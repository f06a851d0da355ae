#pragma once
// The Hugging Face side files that declare special and added tokens, shared by both tokenizer
// kinds: special_tokens_map.json, added_tokens.json, tokenizer_config.json ("added_tokens_decoder",
// "bos_token", ...) and tokenizer.json ("added_tokens"). Every file is optional.
#include <string>
#include <vector>

#include "core/tokenizer/added_token_splitter.h"
#include "core/util/json_file.h"

namespace mindllm {

struct SpecialTokenNames {
  std::string bos, eos, unk, pad;          // empty when not set
  std::vector<std::string> additional;      // "additional_special_tokens"

  std::vector<std::string> all() const;     // the non-empty ones, without repeats
  Json toSpecialTokensMap() const;          // special_tokens_map.json content
};

// From special_tokens_map.json, or else from the same fields of tokenizer_config.json. A value may
// be a string or an object {"content": ...}.
SpecialTokenNames readSpecialTokenNames(const std::string& dir);

// Added tokens with explicit ids, from tokenizer.json, tokenizer_config.json and added_tokens.json
// (in that order; the first declaration of a content wins). `special` is as declared; callers
// also treat every name in SpecialTokenNames as special.
std::vector<AddedToken> readDeclaredAddedTokens(const std::string& dir);

// tokenizer_config.json as a Json object ({} if the file is absent).
Json readTokenizerConfig(const std::string& dir);

// "added_tokens_decoder" for tokenizer_config.json.
Json addedTokensDecoder(const std::vector<AddedToken>& tokens);

}  // namespace mindllm
