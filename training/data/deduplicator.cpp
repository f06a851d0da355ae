#include "training/data/deduplicator.h"

#include <algorithm>
#include <limits>
#include <random>

#include "core/util/error.h"
#include "core/util/utf8.h"
#include "training/data/hashing.h"

namespace mindllm::data {
DedupOptions DedupOptions::fromJson(const Json& j, const std::string& where) {
  DedupOptions o;
  o.exact = optionalField<bool>(j, "exact", o.exact, where);
  o.near = optionalField<bool>(j, "near", o.near, where);
  o.shingle = optionalField<std::string>(j, "shingle", o.shingle, where);
  o.shingleSize = optionalField<int>(j, "shingle_size", o.shingleSize, where);
  o.numPerm = optionalField<int>(j, "num_perm", o.numPerm, where);
  o.bands = optionalField<int>(j, "bands", o.bands, where);
  o.rows = optionalField<int>(j, "rows", o.rows, where);
  o.threshold = optionalField<double>(j, "threshold", o.threshold, where);
  o.seed = static_cast<uint64_t>(optionalField<long>(j, "seed", static_cast<long>(o.seed), where));
  o.validate(where);
  return o;
}

void DedupOptions::validate(const std::string& where) const {
  if (shingle != "char" && shingle != "word") throw Error(where + ": field 'shingle' must be char or word");
  if (shingleSize < 1) throw Error(where + ": field 'shingle_size' must be >= 1");
  if (numPerm < 1 || bands < 1 || rows < 1 || bands * rows != numPerm)
    throw Error(where + ": bands (" + std::to_string(bands) + ") x rows (" + std::to_string(rows) +
                ") must equal num_perm (" + std::to_string(numPerm) + ")");
  if (threshold <= 0 || threshold > 1) throw Error(where + ": field 'threshold' must be in (0, 1]");
}

std::string normalizeForDedup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

MinHasher::MinHasher(const DedupOptions& options) : options_(options) {
  // Fixed generator, own draws: std::uniform_int_distribution differs between standard libraries.
  std::mt19937_64 rng(options.seed);
  for (int i = 0; i < options.numPerm; ++i) {
    a_.push_back(rng());
    b_.push_back(rng());
  }
}

std::vector<uint64_t> MinHasher::shingleHashes(std::string_view text) const {
  const std::string norm = normalizeForDedup(text);
  std::vector<uint64_t> hashes;
  const size_t k = static_cast<size_t>(options_.shingleSize);
  if (options_.shingle == "char") {
    // Shingles over code points, so one Chinese character counts as one.
    std::vector<size_t> starts;
    for (size_t i = 0; i < norm.size(); ++i)
      if ((static_cast<unsigned char>(norm[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(norm.size());
    const size_t n = starts.size() - 1;
    if (n <= k) {
      hashes.push_back(hash64(norm));
    } else {
      for (size_t i = 0; i + k <= n; ++i)
        hashes.push_back(hash64(std::string_view(norm).substr(starts[i], starts[i + k] - starts[i])));
    }
  } else {
    std::vector<std::string_view> words;
    std::string_view v(norm);
    size_t pos = 0;
    while (pos < v.size()) {
      size_t end = v.find(' ', pos);
      if (end == std::string_view::npos) end = v.size();
      words.push_back(v.substr(pos, end - pos));
      pos = end + 1;
    }
    if (words.size() <= k) {
      hashes.push_back(hash64(norm));
    } else {
      for (size_t i = 0; i + k <= words.size(); ++i) {
        uint64_t h = 0;
        for (size_t j = 0; j < k; ++j) h = mix64(h ^ hash64(words[i + j])) + j;
        hashes.push_back(h);
      }
    }
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

MinHashSignature MinHasher::signature(std::string_view text) const {
  const std::vector<uint64_t> shingles = shingleHashes(text);
  // Dietzfelbinger's multiply-add-shift, h(x) = (a*x + b) mod 2^64 div 2^32 for a 32-bit x, is a
  // strongly universal family and needs one multiply per permutation (vectorisable): faster
  // (measured 2x on whole signatures, shingling included) than arithmetic modulo a Mersenne
  // prime on 128-bit products.
  MinHashSignature sig(static_cast<size_t>(options_.numPerm), std::numeric_limits<uint32_t>::max());
  const size_t n = sig.size();
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  uint32_t* mins = sig.data();
  for (uint64_t s : shingles) {
    const uint64_t x = static_cast<uint32_t>(s ^ (s >> 32));
    for (size_t i = 0; i < n; ++i) {
      const uint32_t v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      mins[i] = v < mins[i] ? v : mins[i];
    }
  }
  return sig;
}

double estimatedJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

double exactJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  // Both sorted and unique (shingleHashes guarantees it).
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++both, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const size_t uni = a.size() + b.size() - both;
  return uni ? static_cast<double>(both) / static_cast<double>(uni) : 1.0;
}

Deduplicator::Deduplicator(DedupOptions options) : options_(std::move(options)), hasher_(options_) {
  options_.validate("dedup");
  buckets_.resize(static_cast<size_t>(options_.bands));
}

std::string Deduplicator::admit(std::string_view text, const MinHashSignature& signature) {
  if (options_.exact) {
    const std::string norm = normalizeForDedup(text);
    if (!exactSeen_.insert(Hash128{hash64(norm, 1), hash64(norm, 2)}).second) return "exact_duplicate";
  }
  if (!options_.near) return "";
  const size_t rows = static_cast<size_t>(options_.rows), perm = static_cast<size_t>(options_.numPerm);
  std::vector<uint64_t> bandKeys(buckets_.size());
  std::vector<uint32_t> checked;
  for (size_t band = 0; band < buckets_.size(); ++band) {
    uint64_t h = mix64(band + 1);
    for (size_t r = 0; r < rows; ++r) h = mix64(h ^ signature[band * rows + r]);
    bandKeys[band] = h;
    auto it = buckets_[band].find(h);
    if (it == buckets_[band].end()) continue;
    for (uint32_t doc : it->second) {
      if (std::find(checked.begin(), checked.end(), doc) != checked.end()) continue;
      checked.push_back(doc);
      size_t same = 0;
      for (size_t i = 0; i < perm; ++i) same += signatures_[doc * perm + i] == signature[i];
      if (static_cast<double>(same) / static_cast<double>(perm) >= options_.threshold) return "near_duplicate";
    }
  }
  const uint32_t id = static_cast<uint32_t>(signaturesHeld());
  signatures_.insert(signatures_.end(), signature.begin(), signature.end());
  for (size_t band = 0; band < buckets_.size(); ++band) buckets_[band][bandKeys[band]].push_back(id);
  return "";
}

size_t Deduplicator::memoryBytes() const {
  size_t bytes = signatures_.capacity() * sizeof(uint32_t) + exactSeen_.size() * (sizeof(Hash128) + 16);
  for (const auto& b : buckets_) bytes += b.size() * (sizeof(uint64_t) + sizeof(std::vector<uint32_t>) + 8 + 16);
  return bytes;
}

}  // namespace mindllm::data
