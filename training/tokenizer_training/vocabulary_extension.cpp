#include "training/tokenizer_training/vocabulary_extension.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "core/tokenizer/tokenizer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "core/util/utf8.h"
#include "training/tokenizer_training/sentencepiece_model_proto.h"

namespace fs = std::filesystem;

namespace mindllm::tokenizer_training {
namespace {

const std::string kSpace = "\xE2\x96\x81";  // "▁": sentencepiece writes spaces as this

std::string toPiece(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == ' ') {
      out += kSpace;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string appendPieces(const std::string& modelBytes, const std::vector<std::string>& tokens, bool addPrefixes,
                         VocabularyExtension* result, const std::string& where) {
  SentencePieceModelProto model = SentencePieceModelProto::parse(modelBytes, where);
  std::unordered_set<std::string> existing;
  float minScore = 0;
  for (const auto& p : model.pieces) {
    existing.insert(p.piece);
    if (p.type == PieceType::Normal) minScore = std::min(minScore, p.score);
  }
  VocabularyExtension ext;
  ext.oldSize = static_cast<int>(model.pieces.size());
  auto add = [&](const std::string& piece) {
    if (piece.empty() || !existing.insert(piece).second) return;
    ModelPiece p;
    p.piece = piece;
    // Below every old score: old merges win ties against new ones, so old text mostly keeps its ids.
    p.score = minScore - 1.0f - static_cast<float>(ext.added.size());
    model.pieces.push_back(p);
    ext.added.push_back(piece);
  };
  for (const auto& token : tokens) {
    if (!utf8::isValid(token)) throw Error(where + ": new token is not valid UTF-8");
    const std::string piece = toPiece(token);
    if (addPrefixes) {
      const std::vector<char32_t> cps = utf8::decode(piece);
      std::string prefix;
      for (size_t i = 0; i + 1 < cps.size(); ++i) {
        utf8::append(prefix, cps[i]);
        add(prefix);
      }
    }
    add(piece);
  }
  ext.newSize = static_cast<int>(model.pieces.size());
  model.setTrainerVocabSize(ext.newSize);
  if (result) *result = ext;
  return model.serialize();
}

std::vector<std::string> learnPieces(data::DocumentReader& corpus, const std::string& baseModelBytes, int learnVocabSize,
                                     int maxNew, const TokenizerTrainOptions& options) {
  const fs::path tmp = fs::temp_directory_path() / ("mindllm-extend-" + std::to_string(::getpid()));
  TokenizerTrainOptions o = options;
  o.vocabSize = learnVocabSize;
  o.hardVocabLimit = false;
  trainTokenizer(corpus, o, tmp.string());
  const std::string learned = readFile((tmp / "tokenizer.model").string());
  fs::remove_all(tmp);

  const SentencePieceModelProto base = SentencePieceModelProto::parse(baseModelBytes, "base tokenizer.model");
  std::unordered_set<std::string> existing;
  for (const auto& p : base.pieces) existing.insert(p.piece);
  std::vector<ModelPiece> pieces = SentencePieceModelProto::parse(learned, "learned tokenizer.model").pieces;
  // Merge order: higher BPE score = earlier merge. Characters (score 0 in some versions) first.
  std::stable_sort(pieces.begin(), pieces.end(), [](const ModelPiece& a, const ModelPiece& b) { return a.score > b.score; });
  std::vector<std::string> out;
  for (const auto& p : pieces) {
    if (p.type != PieceType::Normal || existing.count(p.piece)) continue;
    if (static_cast<int>(out.size()) >= maxNew) break;
    out.push_back(p.piece);
  }
  // Every BPE piece is a merge of two pieces with higher scores, so a prefix of this list in score
  // order holds the whole merge chain of each of its pieces (sentencepiece merges adjacent symbols
  // whenever their concatenation is a piece, even if a single character is not in the vocabulary).
  return out;
}

VocabularyExtension extendTokenizer(const std::string& baseDir, const std::string& outDir,
                                    const std::vector<std::string>& tokens, bool addPrefixes) {
  const std::string modelPath = (fs::path(baseDir) / "tokenizer.model").string();
  if (!fs::exists(modelPath)) throw fileError(modelPath, "missing: only sentencepiece tokenizers can be extended");
  const std::string bytes = readFile(modelPath);
  auto base = loadTokenizer(baseDir);

  VocabularyExtension ext;
  const std::string extended = appendPieces(bytes, tokens, addPrefixes, &ext, modelPath);

  std::string eos = base->eosId() ? base->idToToken(*base->eosId()) : std::string("</s>");
  std::vector<std::string> additional;
  const std::string mapPath = (fs::path(baseDir) / "special_tokens_map.json").string();
  if (fs::exists(mapPath)) {
    Json map = readJsonFile(mapPath);
    if (auto it = map.find("additional_special_tokens"); it != map.end() && it->is_array())
      for (const auto& t : *it) {
        if (t.is_string()) additional.push_back(t.get<std::string>());
        else if (t.is_object() && t.contains("content")) additional.push_back(t["content"].get<std::string>());
      }
  }
  writeTokenizerFolder(extended, outDir, eos, additional);

  auto after = loadTokenizer(outDir);
  for (int id = 0; id < ext.oldSize; ++id)
    if (after->idToToken(id) != base->idToToken(id))
      throw Error("vocabulary extension changed id " + std::to_string(id) + " (bug): '" + base->idToToken(id) +
                  "' became '" + after->idToToken(id) + "'");
  if (after->vocabSize() != ext.newSize)
    throw Error("vocabulary extension: expected " + std::to_string(ext.newSize) + " pieces, the model has " +
                std::to_string(after->vocabSize()));
  return ext;
}

}  // namespace mindllm::tokenizer_training
