#include "core/tokenizer/hf_special_tokens.h"

#include <filesystem>
#include <set>

#include "core/util/error.h"

namespace mindllm {
namespace fs = std::filesystem;
namespace {

bool exists(const std::string& path) { return fs::exists(fs::u8path(path)); }

// A token field is "text" or {"content": "text", ...}.
std::string tokenText(const Json& v, const std::string& where, const std::string& key) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("content") && v["content"].is_string()) return v["content"].get<std::string>();
  throw Error(where + ": field '" + key + "': expected a string or an object with \"content\"");
}

SpecialTokenNames namesFrom(const Json& obj, const std::string& where) {
  if (!obj.is_object()) throw Error(where + ": expected a JSON object");
  SpecialTokenNames n;
  auto field = [&](const char* key, std::string& out) {
    if (obj.contains(key)) out = tokenText(obj[key], where, key);
  };
  field("bos_token", n.bos);
  field("eos_token", n.eos);
  field("unk_token", n.unk);
  field("pad_token", n.pad);
  if (obj.contains("additional_special_tokens") && !obj["additional_special_tokens"].is_null()) {
    const Json& list = obj["additional_special_tokens"];
    if (!list.is_array()) throw Error(where + ": field 'additional_special_tokens': expected an array");
    for (const Json& v : list) n.additional.push_back(tokenText(v, where, "additional_special_tokens"));
  }
  return n;
}

TokenId idField(const Json& v, const std::string& where, const std::string& key) {
  if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > INT32_MAX)
    throw Error(where + ": token '" + key + "': expected a non-negative integer id");
  return static_cast<TokenId>(v.get<long long>());
}

}  // namespace

std::vector<std::string> SpecialTokenNames::all() const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string* s : {&bos, &eos, &unk, &pad})
    if (!s->empty() && seen.insert(*s).second) out.push_back(*s);
  for (const std::string& s : additional)
    if (!s.empty() && seen.insert(s).second) out.push_back(s);
  return out;
}

Json SpecialTokenNames::toSpecialTokensMap() const {
  Json j = Json::object();
  if (!bos.empty()) j["bos_token"] = bos;
  if (!eos.empty()) j["eos_token"] = eos;
  if (!unk.empty()) j["unk_token"] = unk;
  if (!pad.empty()) j["pad_token"] = pad;
  if (!additional.empty()) j["additional_special_tokens"] = additional;
  return j;
}

Json readTokenizerConfig(const std::string& dir) {
  const std::string path = dir + "/tokenizer_config.json";
  if (!exists(path)) return Json::object();
  Json j = readJsonFile(path);
  if (!j.is_object()) throw Error(path + ": expected a JSON object");
  return j;
}

SpecialTokenNames readSpecialTokenNames(const std::string& dir) {
  const std::string mapPath = dir + "/special_tokens_map.json";
  if (exists(mapPath)) return namesFrom(readJsonFile(mapPath), mapPath);
  return namesFrom(readTokenizerConfig(dir), dir + "/tokenizer_config.json");
}

std::vector<AddedToken> readDeclaredAddedTokens(const std::string& dir) {
  std::vector<AddedToken> out;
  std::set<std::string> seen;
  auto add = [&](AddedToken t) {
    if (seen.insert(t.content).second) out.push_back(std::move(t));
  };
  // An HF AddedToken object: {"content", "special", "lstrip", "rstrip", "single_word", ...}.
  auto fromObject = [](const Json& t, const std::string& content, TokenId id) {
    AddedToken a{content, id, t.value("special", false)};
    a.lstrip = t.value("lstrip", false);
    a.rstrip = t.value("rstrip", false);
    a.singleWord = t.value("single_word", false);
    return a;
  };

  const std::string tjPath = dir + "/tokenizer.json";
  if (exists(tjPath)) {
    const Json tj = readJsonFile(tjPath);
    if (tj.contains("added_tokens") && tj["added_tokens"].is_array()) {
      for (const Json& t : tj["added_tokens"]) {
        const std::string content = requireField<std::string>(t, "content", tjPath + ": added_tokens");
        add(fromObject(t, content, idField(t.value("id", Json()), tjPath, content)));
      }
    }
  }

  const std::string cfgPath = dir + "/tokenizer_config.json";
  const Json cfg = readTokenizerConfig(dir);
  if (cfg.contains("added_tokens_decoder") && cfg["added_tokens_decoder"].is_object()) {
    for (const auto& [idText, t] : cfg["added_tokens_decoder"].items()) {
      const std::string content = requireField<std::string>(t, "content", cfgPath + ": added_tokens_decoder");
      TokenId id = 0;
      try {
        id = static_cast<TokenId>(std::stol(idText));
      } catch (const std::exception&) {
        throw Error(cfgPath + ": added_tokens_decoder: key '" + idText + "' is not a token id");
      }
      add(fromObject(t, content, id));
    }
  }

  const std::string addedPath = dir + "/added_tokens.json";
  if (exists(addedPath)) {
    const Json j = readJsonFile(addedPath);
    if (!j.is_object()) throw Error(addedPath + ": expected an object {\"token\": id}");
    for (const auto& [content, id] : j.items()) add({content, idField(id, addedPath, content), false});
  }
  return out;
}

Json addedTokensDecoder(const std::vector<AddedToken>& tokens) {
  Json j = Json::object();
  for (const AddedToken& t : tokens)
    j[std::to_string(t.id)] = {{"content", t.content}, {"lstrip", t.lstrip}, {"normalized", false},
                               {"rstrip", t.rstrip}, {"single_word", t.singleWord}, {"special", t.special}};
  return j;
}

}  // namespace mindllm
