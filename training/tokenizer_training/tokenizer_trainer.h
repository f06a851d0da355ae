#pragma once
// Trains the bilingual sentencepiece BPE tokenizer: byte fallback (no <unk> in practice), digits
// split one by one, "<|endoftext|>" as EOS, chat tokens as user-defined pieces, and sentencepiece's
// own reservoir sampling of the input lines so that huge corpora fit in memory. The text is
// normalised by our clean stage, so sentencepiece's normaliser is set to identity and
// decode(encode(text)) == text.
//
// Output folder (loads with mindllm::loadTokenizer): tokenizer.model, tokenizer_config.json,
// special_tokens_map.json.
#include <cstdint>
#include <string>
#include <vector>

#include "training/data/document_reader.h"

namespace mindllm::tokenizer_training {

struct TokenizerTrainOptions {
  int vocabSize = 32000;
  std::string modelType = "bpe";      // or "unigram"
  double characterCoverage = 0.9995;  // rarer characters go to byte fallback
  int64_t inputSentenceSize = 2000000;  // lines sampled for training; 0 = all
  int maxSentenceLength = 16384;      // bytes; longer lines are skipped by sentencepiece
  int threads = 2;
  uint64_t seed = 1;
  std::vector<std::string> userDefinedSymbols = {"<user>", "<assistant>", "<system>"};
  std::string eosPiece = "<|endoftext|>";
  bool hardVocabLimit = true;         // false lets tiny corpora end with a smaller vocabulary
};

struct TokenizerTrainResult {
  int vocabSize = 0;
  int64_t sentences = 0;  // lines offered to sentencepiece
  double seconds = 0;
};

// Trains on the documents of `reader` (split into lines) and writes the tokenizer folder `outDir`
// atomically.
TokenizerTrainResult trainTokenizer(data::DocumentReader& reader, const TokenizerTrainOptions& options,
                                    const std::string& outDir);

// Writes tokenizer.model bytes plus the Hugging Face side files into `outDir` (atomically), so
// that loadTokenizer() finds the EOS and the chat tokens by name.
void writeTokenizerFolder(const std::string& modelBytes, const std::string& outDir, const std::string& eosPiece,
                          const std::vector<std::string>& additionalSpecial);

}  // namespace mindllm::tokenizer_training
