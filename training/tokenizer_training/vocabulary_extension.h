#pragma once
// Extends an existing sentencepiece vocabulary with new (Chinese) tokens, as the paper does for
// its 3B model, keeping every old id: new pieces are appended after the old ones in the
// ModelProto, with scores below all old scores so that the old merges keep their priority.
//
// New pieces come either from a list, or are learned: a BPE model is trained on a Chinese corpus
// with the same settings and its pieces that the old vocabulary lacks are appended in merge
// order. A BPE piece is only reachable if the pieces it is merged from exist, so learned pieces
// come with their whole merge chain, and listed tokens get their left prefixes added
// ("人工智能" brings "人", "人工", "人工智") unless those exist already.
#include <string>
#include <vector>

#include "training/data/document_reader.h"
#include "training/tokenizer_training/tokenizer_trainer.h"

namespace mindllm::tokenizer_training {

struct VocabularyExtension {
  int oldSize = 0, newSize = 0;
  std::vector<std::string> added;  // in id order
};

// Edits serialized model bytes; `addPrefixes` adds the left prefixes of each token first.
std::string appendPieces(const std::string& modelBytes, const std::vector<std::string>& tokens, bool addPrefixes,
                         VocabularyExtension* result, const std::string& where = "tokenizer.model");

// Learns up to `maxNew` pieces missing from the base model by training a BPE model of
// `learnVocabSize` pieces on the corpus. Returned in merge order (best first).
std::vector<std::string> learnPieces(data::DocumentReader& corpus, const std::string& baseModelBytes, int learnVocabSize,
                                     int maxNew, const TokenizerTrainOptions& options);

// Reads baseDir/tokenizer.model, appends `tokens`, writes the extended tokenizer folder to
// outDir, and checks that every old id still maps to the same piece.
VocabularyExtension extendTokenizer(const std::string& baseDir, const std::string& outDir,
                                    const std::vector<std::string>& tokens, bool addPrefixes);

}  // namespace mindllm::tokenizer_training
