#include "core/tokenizer/byte_level_bpe.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/tokenizer/byte_level_alphabet.h"
#include "core/tokenizer/utf8_repair.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace mindllm {
namespace fs = std::filesystem;
namespace {

using Vocab = std::unordered_map<std::string, TokenId>;
using Merge = ByteLevelBpeTokenizer::Merge;

bool exists(const std::string& path) { return fs::exists(fs::u8path(path)); }

Vocab vocabFromJson(const Json& j, const std::string& where) {
  if (!j.is_object()) throw Error(where + ": expected an object {\"token\": id}");
  Vocab vocab;
  std::unordered_map<TokenId, std::string> byId;
  for (const auto& [token, id] : j.items()) {
    if (!id.is_number_integer() || id.get<long long>() < 0 || id.get<long long>() > INT32_MAX)
      throw Error(where + ": token \"" + token + "\": id must be a non-negative integer");
    const auto tid = static_cast<TokenId>(id.get<long long>());
    if (auto [it, fresh] = byId.emplace(tid, token); !fresh)
      throw Error(where + ": id " + std::to_string(tid) + " is used by both \"" + it->second + "\" and \"" + token + "\"");
    vocab.emplace(token, tid);
  }
  if (vocab.empty()) throw Error(where + ": the vocabulary is empty");
  return vocab;
}

void checkMerge(const Vocab& vocab, const Merge& m, const std::string& file, long line) {
  for (const std::string* part : {&m.first, &m.second})
    if (!vocab.count(*part)) throw fileError(file, line, "merge \"" + m.first + " " + m.second + "\": \"" + *part + "\" is not in the vocabulary");
  if (!vocab.count(m.first + m.second))
    throw fileError(file, line, "merge \"" + m.first + " " + m.second + "\": the result \"" + m.first + m.second + "\" is not in the vocabulary");
}

// merges.txt: an optional "#version" header, then "left right" per line in rank order.
std::vector<Merge> readMergesTxt(const std::string& path, const Vocab& vocab) {
  std::istringstream in(readFile(path));
  std::vector<Merge> merges;
  std::string line;
  long lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#version", 0) == 0) continue;
    const size_t space = line.find(' ');
    if (line.empty() || space == std::string::npos || space == 0 || space + 1 == line.size() ||
        line.find(' ', space + 1) != std::string::npos)
      throw fileError(path, lineNo, "expected two tokens separated by one space, got \"" + line + "\"");
    merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    checkMerge(vocab, merges.back(), path, lineNo);
  }
  return merges;
}

// tokenizer.json of a GPT-2 style model: the only kind this class can reproduce exactly.
void checkTokenizerJsonKind(const Json& tj, const std::string& path) {
  auto byteLevelOk = [](const Json& p) {
    return p.is_object() && p.value("type", "") == "ByteLevel" && !p.value("add_prefix_space", false) &&
           p.value("use_regex", true);
  };
  const Json pre = tj.value("pre_tokenizer", Json());
  const bool preOk = byteLevelOk(pre) || (pre.is_object() && pre.value("type", "") == "Sequence" &&
                                          pre.value("pretokenizers", Json::array()).size() == 1 &&
                                          byteLevelOk(pre["pretokenizers"][0]));
  if (!preOk)
    throw Error(path + ": field 'pre_tokenizer': only GPT-2's ByteLevel pre-tokenizer with add_prefix_space=false is supported");
  if (!tj.value("normalizer", Json()).is_null()) throw Error(path + ": field 'normalizer': must be null for a GPT-2 style tokenizer");
  const Json& model = tj["model"];
  if (model.value("type", "") != "BPE") throw Error(path + ": field 'model.type': expected \"BPE\"");
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    const Json v = model.value(key, Json());
    if (!v.is_null() && v != "") throw Error(path + ": field 'model." + std::string(key) + "': not supported");
  }
  if (model.value("byte_fallback", false)) throw Error(path + ": field 'model.byte_fallback': not supported");
}

std::vector<Merge> mergesFromJson(const Json& list, const Vocab& vocab, const std::string& path) {
  if (!list.is_array()) throw Error(path + ": field 'model.merges': expected an array");
  std::vector<Merge> merges;
  merges.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& m = list[i];
    const std::string where = path + ": model.merges[" + std::to_string(i) + "]";
    if (m.is_string()) {  // "left right" (tokenizers < 0.20)
      const std::string s = m.get<std::string>();
      const size_t space = s.find(' ');
      if (space == std::string::npos || space == 0 || space + 1 == s.size() || s.find(' ', space + 1) != std::string::npos)
        throw Error(where + ": expected \"left right\"");
      merges.emplace_back(s.substr(0, space), s.substr(space + 1));
    } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    } else {
      throw Error(where + ": expected \"left right\" or [\"left\", \"right\"]");
    }
    checkMerge(vocab, merges.back(), path, static_cast<long>(i + 1));
  }
  return merges;
}

// Gives every special-token name an added-token entry marked special, as transformers does when it
// loads special_tokens_map.json; a name the vocabulary lacks gets the next free id.
std::vector<AddedToken> completeAddedTokens(const Vocab& vocab, std::vector<AddedToken> added, const SpecialTokenNames& names) {
  TokenId next = 0;
  for (const auto& [t, id] : vocab) next = std::max(next, id + 1);
  for (const AddedToken& a : added) next = std::max(next, a.id + 1);
  const auto specialNames = names.all();
  for (AddedToken& a : added)
    if (std::find(specialNames.begin(), specialNames.end(), a.content) != specialNames.end()) a.special = true;
  for (const std::string& name : specialNames) {
    const bool known = std::any_of(added.begin(), added.end(), [&](const AddedToken& a) { return a.content == name; });
    if (known) continue;
    auto it = vocab.find(name);
    added.push_back({name, it != vocab.end() ? it->second : next++, true});
  }
  return added;
}

}  // namespace

std::unique_ptr<ByteLevelBpeTokenizer> ByteLevelBpeTokenizer::load(const std::string& dir) {
  const std::string vocabPath = dir + "/vocab.json";
  const std::string mergesPath = dir + "/merges.txt";
  const std::string tjPath = dir + "/tokenizer.json";
  Vocab vocab;
  std::vector<Merge> merges;
  if (exists(vocabPath) || exists(mergesPath)) {
    if (!exists(vocabPath)) throw fileError(vocabPath, "missing (merges.txt needs it)");
    if (!exists(mergesPath)) throw fileError(mergesPath, "missing (vocab.json needs it)");
    vocab = vocabFromJson(readJsonFile(vocabPath), vocabPath);
    merges = readMergesTxt(mergesPath, vocab);
  } else if (exists(tjPath)) {
    const Json tj = readJsonFile(tjPath);
    if (!tj.is_object() || !tj.contains("model")) throw Error(tjPath + ": missing field 'model'");
    checkTokenizerJsonKind(tj, tjPath);
    vocab = vocabFromJson(tj["model"].value("vocab", Json()), tjPath + ": model.vocab");
    merges = mergesFromJson(tj["model"].value("merges", Json()), vocab, tjPath);
  } else {
    throw Error(dir + ": no byte-level BPE files (vocab.json + merges.txt, or tokenizer.json)");
  }
  return std::make_unique<ByteLevelBpeTokenizer>(vocab, std::move(merges), readDeclaredAddedTokens(dir),
                                                 readSpecialTokenNames(dir), readTokenizerConfig(dir));
}

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(const std::unordered_map<std::string, TokenId>& vocab,
                                             std::vector<Merge> merges, std::vector<AddedToken> added,
                                             SpecialTokenNames names, Json config)
    : merges_(std::move(merges)),
      added_(completeAddedTokens(vocab, std::move(added), names)),
      names_(std::move(names)),
      config_(config.is_object() ? std::move(config) : Json::object()),
      splitter_(added_) {
  for (const auto& [token, id] : vocab) {
    setToken(id, token);
    inModelVocab_[static_cast<size_t>(id)] = 1;
    tokenToId_[token] = id;
  }
  for (const AddedToken& a : added_) {
    const auto id = static_cast<size_t>(a.id);
    if (id < inModelVocab_.size() && inModelVocab_[id] && idToToken_[id] != a.content)
      throw Error("added token \"" + a.content + "\" has id " + std::to_string(a.id) + ", which is \"" +
                  idToToken_[id] + "\" in the vocabulary");
    setToken(a.id, a.content);
    special_[id] = a.special;
    tokenToId_[a.content] = a.id;
  }
  for (int b = 0; b < 256; ++b) {
    auto it = vocab.find(byte_level::charOf(static_cast<unsigned char>(b)));
    byteToId_[static_cast<size_t>(b)] = it == vocab.end() ? -1 : it->second;
  }
  mergeRules_.reserve(merges_.size());
  for (size_t rank = 0; rank < merges_.size(); ++rank) {
    const auto& [left, right] = merges_[rank];
    auto l = vocab.find(left), r = vocab.find(right), m = vocab.find(left + right);
    if (l == vocab.end() || r == vocab.end() || m == vocab.end())
      throw Error("merge " + std::to_string(rank + 1) + " \"" + left + " " + right + "\" uses a token the vocabulary lacks");
    mergeRules_.insert(l->second, r->second, {static_cast<int32_t>(rank), m->second});
  }
}

void ByteLevelBpeTokenizer::setToken(TokenId id, const std::string& text) {
  if (id < 0) throw Error("token \"" + text + "\" has a negative id");
  const auto i = static_cast<size_t>(id);
  if (i >= idToToken_.size()) {
    idToToken_.resize(i + 1);
    idToBytes_.resize(i + 1);
    special_.resize(i + 1, 0);
    inModelVocab_.resize(i + 1, 0);
  }
  idToToken_[i] = text;
  // Like Hugging Face's ByteLevel decoder: a token with characters outside the byte table (an
  // added token such as "你好") stands for its own UTF-8 text.
  idToBytes_[i] = byte_level::decodeToBytes(text).value_or(text);
}

std::vector<TokenId> ByteLevelBpeTokenizer::encode(std::string_view text) const {
  std::string repaired;
  if (!utf8::isValid(text)) {  // PCRE2 needs valid UTF-8; Python would do the same with errors="replace"
    repaired = utf8_repair::lossy(text);
    text = repaired;
  }
  std::vector<TokenId> out;
  out.reserve(text.size() / 3 + 4);
  for (const auto& piece : splitter_.split(text)) {
    if (piece.id)
      out.push_back(*piece.id);
    else
      encodePlain(piece.text, out);
  }
  return out;
}

void ByteLevelBpeTokenizer::encodePlain(std::string_view text, std::vector<TokenId>& out) const {
  preTokenizer_.split(text, [&](std::string_view word) { encodeWord(word, out); });
}

void ByteLevelBpeTokenizer::encodeWord(std::string_view bytes, std::vector<TokenId>& out) const {
  if (bytes.size() > kMaxCachedWordBytes) {
    mergeWord(bytes, out);
    return;
  }
  std::string key(bytes);
  {
    std::lock_guard<std::mutex> lock(cacheMutex_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  const size_t start = out.size();
  mergeWord(bytes, out);
  std::lock_guard<std::mutex> lock(cacheMutex_);
  if (cache_.size() < kCacheCapacity)
    cache_.emplace(std::move(key), std::vector<TokenId>(out.begin() + static_cast<long>(start), out.end()));
}

// The merge loop of Hugging Face's Word::merge_all: always apply the lowest-rank pair, leftmost
// first, re-checking queued pairs that earlier merges made stale.
void ByteLevelBpeTokenizer::mergeWord(std::string_view bytes, std::vector<TokenId>& out) const {
  struct Symbol {
    TokenId id;
    int prev, next;
    bool alive;
  };
  struct Candidate {
    int rank, pos;
    TokenId merged;
  };
  // Scratch space reused across calls on this thread: most words are short, allocations are not.
  thread_local std::vector<Symbol> sym;
  thread_local std::vector<Candidate> heap;
  sym.clear();
  heap.clear();
  for (unsigned char b : bytes) {
    const TokenId id = byteToId_[b];
    if (id < 0) continue;  // HF without an unk token drops characters it cannot represent
    const int i = static_cast<int>(sym.size());
    sym.push_back({id, i - 1, i + 1, true});
  }
  if (sym.empty()) return;
  sym.back().next = -1;

  auto after = [](const Candidate& a, const Candidate& b) { return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos; };
  auto consider = [&](int pos) {
    const int next = sym[static_cast<size_t>(pos)].next;
    if (next < 0) return;
    const MergeTable::Rule* rule = mergeRules_.find(sym[static_cast<size_t>(pos)].id, sym[static_cast<size_t>(next)].id);
    if (!rule) return;
    heap.push_back({rule->rank, pos, rule->merged});
    std::push_heap(heap.begin(), heap.end(), after);
  };
  for (int i = 0; i + 1 < static_cast<int>(sym.size()); ++i) consider(i);

  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const Candidate c = heap.back();
    heap.pop_back();
    Symbol& left = sym[static_cast<size_t>(c.pos)];
    if (!left.alive || left.next < 0) continue;
    Symbol& right = sym[static_cast<size_t>(left.next)];
    const MergeTable::Rule* rule = mergeRules_.find(left.id, right.id);
    if (!rule || rule->rank != c.rank) continue;  // stale entry
    left.id = c.merged;
    right.alive = false;
    left.next = right.next;
    if (right.next >= 0) sym[static_cast<size_t>(right.next)].prev = c.pos;
    if (left.prev >= 0) consider(left.prev);
    consider(c.pos);
  }
  for (int i = 0; i >= 0; i = sym[static_cast<size_t>(i)].next) out.push_back(sym[static_cast<size_t>(i)].id);
}

std::vector<std::string> ByteLevelBpeTokenizer::preTokenize(std::string_view text) const {
  std::string repaired;
  if (!utf8::isValid(text)) {
    repaired = utf8_repair::lossy(text);
    text = repaired;
  }
  std::vector<std::string> out;
  preTokenizer_.split(text, [&](std::string_view w) { out.push_back(byte_level::encodeBytes(w)); });
  return out;
}

std::string ByteLevelBpeTokenizer::decode(const std::vector<TokenId>& ids, bool skipSpecial) const {
  std::string bytes;
  for (TokenId id : ids) {
    if (skipSpecial && isSpecial(id)) continue;
    bytes += tokenBytes(id);
  }
  return utf8_repair::lossy(bytes);
}

// Unknown ids (e.g. from a model whose embedding is padded past the vocabulary) decode to nothing,
// as in Hugging Face.
std::string ByteLevelBpeTokenizer::tokenBytes(TokenId id) const {
  if (id < 0 || static_cast<size_t>(id) >= idToBytes_.size()) return {};
  return idToBytes_[static_cast<size_t>(id)];
}

std::optional<TokenId> ByteLevelBpeTokenizer::tokenToId(std::string_view token) const {
  auto it = tokenToId_.find(std::string(token));
  if (it == tokenToId_.end()) return std::nullopt;
  return it->second;
}

std::string ByteLevelBpeTokenizer::idToToken(TokenId id) const {
  if (id < 0 || static_cast<size_t>(id) >= idToToken_.size()) return {};
  return idToToken_[static_cast<size_t>(id)];
}

bool ByteLevelBpeTokenizer::isSpecial(TokenId id) const {
  return id >= 0 && static_cast<size_t>(id) < special_.size() && special_[static_cast<size_t>(id)];
}

std::optional<TokenId> ByteLevelBpeTokenizer::idOfName(const std::string& token) const {
  if (token.empty()) return std::nullopt;
  return tokenToId(token);
}

std::string ByteLevelBpeTokenizer::chatTemplateName() const {
  auto it = config_.find("mindllm_chat_template");
  return it != config_.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void ByteLevelBpeTokenizer::save(const std::string& dir) const {
  fs::create_directories(fs::u8path(dir));

  // vocab.json by id, so that a diff against the original stays readable.
  std::string vocabText = "{\n";
  bool first = true;
  for (size_t id = 0; id < idToToken_.size(); ++id) {
    if (!inModelVocab_[id]) continue;
    vocabText += (first ? "  " : ",\n  ") + Json(idToToken_[id]).dump() + ": " + std::to_string(id);
    first = false;
  }
  writeFileAtomic(dir + "/vocab.json", vocabText + "\n}\n");

  std::string mergesText = "#version: 0.2\n";
  for (const auto& [l, r] : merges_) mergesText += l + " " + r + "\n";
  writeFileAtomic(dir + "/merges.txt", mergesText);

  Json addedJson = Json::object();
  for (const AddedToken& a : added_)
    if (!inModelVocab_[static_cast<size_t>(a.id)]) addedJson[a.content] = a.id;
  writeJsonFileAtomic(dir + "/added_tokens.json", addedJson);
  writeJsonFileAtomic(dir + "/special_tokens_map.json", names_.toSpecialTokensMap());

  Json cfg = config_;  // keeps fields we do not interpret, e.g. "mindllm_chat_template"
  cfg["tokenizer_class"] = "GPT2Tokenizer";
  cfg["add_prefix_space"] = false;
  if (!cfg.contains("clean_up_tokenization_spaces")) cfg["clean_up_tokenization_spaces"] = false;
  cfg.erase("tokenizer_file");
  const Json specialMap = names_.toSpecialTokensMap();
  for (const auto& [key, value] : specialMap.items()) cfg[key] = value;
  cfg["added_tokens_decoder"] = addedTokensDecoder(added_);
  writeJsonFileAtomic(dir + "/tokenizer_config.json", cfg);

  // tokenizer.json too, so that a stale one in `dir` cannot shadow the files above in HF.
  Json vocab = Json::object();
  for (size_t id = 0; id < idToToken_.size(); ++id)
    if (inModelVocab_[id]) vocab[idToToken_[id]] = id;
  Json merges = Json::array();
  for (const auto& [l, r] : merges_) merges.push_back(l + " " + r);
  Json added = Json::array();
  for (const AddedToken& a : added_)
    added.push_back({{"id", a.id}, {"content", a.content}, {"single_word", a.singleWord}, {"lstrip", a.lstrip},
                     {"rstrip", a.rstrip}, {"normalized", false}, {"special", a.special}});
  const Json byteLevel = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
  Json postProcessor = byteLevel;
  postProcessor["trim_offsets"] = false;
  const Json tj = {{"version", "1.0"}, {"truncation", nullptr}, {"padding", nullptr}, {"added_tokens", added},
                   {"normalizer", nullptr}, {"pre_tokenizer", byteLevel}, {"post_processor", postProcessor},
                   {"decoder", byteLevel},
                   {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr},
                              {"continuing_subword_prefix", nullptr}, {"end_of_word_suffix", nullptr},
                              {"fuse_unk", false}, {"byte_fallback", false}, {"ignore_merges", false},
                              {"vocab", vocab}, {"merges", merges}}}};
  writeJsonFileAtomic(dir + "/tokenizer.json", tj);
}

}  // namespace mindllm
