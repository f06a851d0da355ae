#pragma once
// The dedup stage: exact duplicates by a 128-bit content hash of the whitespace-normalised text,
// and near duplicates by MinHash signatures over character (or word) shingles, bucketed with LSH
// (bands x rows). A candidate pair is a duplicate when the signatures agree on at least
// `threshold` of their slots (the estimate of the Jaccard similarity). Only signatures and band
// buckets are kept in memory, never the texts, so memory grows by ~num_perm*4 bytes per document.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::data {

struct DedupOptions {
  bool exact = true;
  bool near = true;
  std::string shingle = "char";  // "char" (code points; works for Chinese) or "word"
  int shingleSize = 5;
  int numPerm = 128;
  int bands = 16;  // bands * rows must equal numPerm
  int rows = 8;
  double threshold = 0.8;
  uint64_t seed = 1;

  static DedupOptions fromJson(const Json& j, const std::string& where);
  void validate(const std::string& where) const;
};

using MinHashSignature = std::vector<uint32_t>;

// Computes signatures; thread-safe after construction.
class MinHasher {
public:
  explicit MinHasher(const DedupOptions& options);
  MinHashSignature signature(std::string_view text) const;
  std::vector<uint64_t> shingleHashes(std::string_view text) const;

private:
  DedupOptions options_;
  std::vector<uint64_t> a_, b_;  // hash parameters: ((a*x + b) mod 2^64) >> 32
};

double estimatedJaccard(const MinHashSignature& a, const MinHashSignature& b);
double exactJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Text normalisation for both exact hashing and shingling: lower-case ASCII, whitespace collapsed.
std::string normalizeForDedup(std::string_view text);

class Deduplicator {
public:
  explicit Deduplicator(DedupOptions options);

  // Sequential: decides for one document whose signature was computed already (possibly on a
  // worker thread). Returns "" to keep, "exact_duplicate" or "near_duplicate".
  std::string admit(std::string_view text, const MinHashSignature& signature);
  std::string admit(std::string_view text) { return admit(text, hasher_.signature(text)); }

  const MinHasher& hasher() const { return hasher_; }
  size_t signaturesHeld() const { return signatures_.size() / static_cast<size_t>(options_.numPerm); }
  size_t memoryBytes() const;

private:
  DedupOptions options_;
  MinHasher hasher_;
  struct Hash128 {
    uint64_t hi, lo;
    bool operator==(const Hash128& o) const { return hi == o.hi && lo == o.lo; }
  };
  struct Hash128Hasher {
    size_t operator()(const Hash128& h) const { return static_cast<size_t>(h.hi ^ (h.lo * 31)); }
  };
  std::unordered_set<Hash128, Hash128Hasher> exactSeen_;
  std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> buckets_;  // per band: band hash -> docs
  std::vector<uint32_t> signatures_;  // flat: doc i at [i*numPerm, (i+1)*numPerm)
};

}  // namespace mindllm::data
