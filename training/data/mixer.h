#pragma once
// The mixing stage: samples documents from several sources (e.g. the zh and en outputs of the
// pipeline) so that the mixture's token counts match target ratios. Deterministic for a seed:
// each source is permuted with its own seeded shuffle and documents are taken until the source's
// token budget is met; the picks are then shuffled together. Memory: an offset and a token count
// per document, never the texts.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "training/data/stage_report.h"

namespace mindllm::data {

struct MixSource {
  std::string name;
  std::string path;  // plain (not gzip) JSONL, as written by the other stages
  double ratio = 1;
};

struct MixOptions {
  uint64_t seed = 1;
  int64_t totalTokens = 0;  // 0: the largest mixture the sources allow without repeating a document
  bool allowRepeat = false; // a source short of its budget is repeated (new permutation per epoch)
};

using TokenCounter = std::function<int64_t(std::string_view text)>;

// A tokenizer-free estimate used when no tokenizer is given: one token per Han character (about
// what a bilingual vocabulary gives) and one per 4 bytes of everything else (English BPE).
int64_t approximateTokenCount(std::string_view text);

// Writes the mixture to `outputPath` (JSONL) and reports documents and tokens per source.
StageReport mixSources(const std::vector<MixSource>& sources, const MixOptions& options, const std::string& outputPath,
                       const TokenCounter& countTokens = approximateTokenCount, bool progress = false);

// Deterministic Fisher-Yates with mt19937_64 (whose output the standard fixes, unlike std::shuffle).
void deterministicShuffle(std::vector<uint32_t>& items, uint64_t seed);

}  // namespace mindllm::data
