#include "core/tokenizer/sentencepiece_tokenizer.h"

#include <algorithm>
#include <filesystem>

#include "core/tokenizer/sentencepiece_model.h"
#include "core/tokenizer/utf8_repair.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace mindllm {
namespace fs = std::filesystem;
namespace {

const std::string kWordBoundary = "\xE2\x96\x81";  // "▁", sentencepiece's space
const std::string kUnknownSurface = " \xE2\x81\x87 ";  // " ⁇ ", what sentencepiece shows for <unk>

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

// "<0xE4>" -> '\xE4'
std::string bytePieceValue(const std::string& piece) {
  if (piece.size() == 6 && piece.rfind("<0x", 0) == 0 && piece.back() == '>')
    return std::string(1, static_cast<char>(std::stoi(piece.substr(3, 2), nullptr, 16)));
  return piece;
}

}  // namespace

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::load(const std::string& dir) {
  const std::string path = dir + "/tokenizer.model";
  if (!fs::exists(fs::u8path(path))) throw fileError(path, "missing");
  return std::make_unique<SentencePieceTokenizer>(readFile(path), path, readSpecialTokenNames(dir), readTokenizerConfig(dir));
}

SentencePieceTokenizer::SentencePieceTokenizer(std::string modelBytes, const std::string& where, SpecialTokenNames names,
                                               Json config)
    : modelBytes_(std::move(modelBytes)),
      sp_(std::make_unique<SentencePieceModel>(modelBytes_, where)),
      names_(std::move(names)),
      config_(config.is_object() ? std::move(config) : Json::object()) {
  const int n = sp_->size();
  bytes_.resize(static_cast<size_t>(n));
  special_.resize(static_cast<size_t>(n));
  wordStart_.resize(static_cast<size_t>(n));
  const auto specialNames = names_.all();
  for (int id = 0; id < n; ++id) {
    const std::string piece = sp_->idToPiece(id);
    const auto i = static_cast<size_t>(id);
    const bool control = sp_->isControl(id);
    if (sp_->isByte(id))
      bytes_[i] = bytePieceValue(piece);
    else if (sp_->isUnknown(id))
      bytes_[i] = kUnknownSurface;
    else if (control)
      bytes_[i] = piece;  // shown only when special tokens are not skipped
    else
      bytes_[i] = replaceAll(piece, kWordBoundary, " ");
    wordStart_[i] = !control && !sp_->isByte(id) && !sp_->isUnknown(id) && piece.rfind(kWordBoundary, 0) == 0;
    special_[i] = control || sp_->isUnknown(id) ||
                  std::find(specialNames.begin(), specialNames.end(), piece) != specialNames.end();
    if (control) controls_.push_back({piece, id, true});
  }
  splitter_ = std::make_unique<AddedTokenSplitter>(controls_);
  probeFirstSpaceRule();
  bos_ = idOfName(names_.bos, sp_->bosId());
  eos_ = idOfName(names_.eos, sp_->eosId());
  pad_ = idOfName(names_.pad, sp_->padId());
}

SentencePieceTokenizer::~SentencePieceTokenizer() = default;

// Asks sentencepiece how it decodes a word piece at the start, alone and after a lone "▁".
void SentencePieceTokenizer::probeFirstSpaceRule() {
  int word = -1;
  for (size_t id = 0; id < wordStart_.size() && word < 0; ++id)
    if (wordStart_[id] && bytes_[id].size() > 1) word = static_cast<int>(id);
  if (word < 0) return;  // no piece can start with a space: nothing to drop
  const std::string withoutSpace = bytes_[static_cast<size_t>(word)].substr(1);
  dropFirstSpace_ = sp_->decode({word}) == withoutSpace;
  const int space = sp_->pieceToId(kWordBoundary);
  if (dropFirstSpace_ && space != sp_->unkId() && wordStart_[static_cast<size_t>(space)])
    dropWhileEmpty_ = sp_->decode({space, word}) == withoutSpace;
}

std::string SentencePieceTokenizer::decodePiece(TokenId id, bool& atStart) const {
  std::string bytes = tokenBytes(id);
  if (!atStart || isSpecial(id)) return bytes;  // control pieces are invisible to sentencepiece
  bool dropped = false;
  if (dropFirstSpace_ && wordStart_[static_cast<size_t>(id)]) {
    bytes.erase(0, 1);
    dropped = true;
  }
  if (!bytes.empty() || (dropped && !dropWhileEmpty_)) atStart = false;
  return bytes;
}

std::optional<TokenId> SentencePieceTokenizer::idOfName(const std::string& name, int spId) const {
  if (!name.empty()) return tokenToId(name);
  if (spId >= 0) return spId;
  return std::nullopt;
}

std::vector<TokenId> SentencePieceTokenizer::encode(std::string_view text) const {
  std::vector<TokenId> out;
  for (const auto& piece : splitter_->split(text)) {
    if (piece.id) {
      out.push_back(*piece.id);
      continue;
    }
    const std::vector<int> ids = sp_->encode(piece.text);
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

// Same result as sentencepiece's DecodeIds for normal pieces (checked by the tests), but built
// from tokenBytes() so that the streaming decoder can reproduce it piece by piece.
std::string SentencePieceTokenizer::decode(const std::vector<TokenId>& ids, bool skipSpecial) const {
  std::string bytes;
  bool atStart = true;
  for (TokenId id : ids) {
    if (skipSpecial && isSpecial(id)) continue;
    bytes += decodePiece(id, atStart);
  }
  return utf8_repair::lossy(bytes);
}

std::string SentencePieceTokenizer::tokenBytes(TokenId id) const {
  if (id < 0 || static_cast<size_t>(id) >= bytes_.size()) return {};
  return bytes_[static_cast<size_t>(id)];
}

std::optional<TokenId> SentencePieceTokenizer::tokenToId(std::string_view token) const {
  const int id = sp_->pieceToId(token);
  // PieceToId answers unk_id for unknown pieces; only "<unk>" itself really is that id.
  if (id == sp_->unkId() && sp_->idToPiece(id) != token) return std::nullopt;
  return id;
}

std::string SentencePieceTokenizer::idToToken(TokenId id) const {
  return sp_->idToPiece(id);  // empty when out of range
}

bool SentencePieceTokenizer::isSpecial(TokenId id) const {
  return id >= 0 && static_cast<size_t>(id) < special_.size() && special_[static_cast<size_t>(id)];
}

std::string SentencePieceTokenizer::chatTemplateName() const {
  auto it = config_.find("mindllm_chat_template");
  return it != config_.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void SentencePieceTokenizer::save(const std::string& dir) const {
  fs::create_directories(fs::u8path(dir));
  writeFileAtomic(dir + "/tokenizer.model", modelBytes_);

  SpecialTokenNames names = names_;
  auto fill = [&](std::string& name, std::optional<TokenId> id) {
    if (name.empty() && id) name = idToToken(*id);
  };
  fill(names.bos, bos_);
  fill(names.eos, eos_);
  fill(names.pad, pad_);
  if (names.unk.empty() && sp_->unkId() >= 0) names.unk = sp_->idToPiece(sp_->unkId());
  writeJsonFileAtomic(dir + "/special_tokens_map.json", names.toSpecialTokensMap());

  Json cfg = config_;  // keeps fields we do not interpret, e.g. "mindllm_chat_template"
  cfg["tokenizer_class"] = "LlamaTokenizer";
  // encode() adds no BOS/EOS; HF must not either, or it would see other ids than training did.
  if (!cfg.contains("add_bos_token")) cfg["add_bos_token"] = false;
  if (!cfg.contains("add_eos_token")) cfg["add_eos_token"] = false;
  if (!cfg.contains("legacy")) cfg["legacy"] = true;
  if (!cfg.contains("clean_up_tokenization_spaces")) cfg["clean_up_tokenization_spaces"] = false;
  cfg.erase("tokenizer_file");
  const Json specialMap = names.toSpecialTokensMap();
  for (const auto& [key, value] : specialMap.items()) cfg[key] = value;
  std::vector<AddedToken> specials;
  for (size_t id = 0; id < special_.size(); ++id)
    if (special_[id]) specials.push_back({sp_->idToPiece(static_cast<int>(id)), static_cast<TokenId>(id), true});
  cfg["added_tokens_decoder"] = addedTokensDecoder(specials);
  writeJsonFileAtomic(dir + "/tokenizer_config.json", cfg);
}

}  // namespace mindllm
