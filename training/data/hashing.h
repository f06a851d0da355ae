#pragma once
// Fast non-cryptographic 64-bit hashing for dedup, n-gram statistics and file fingerprints.
// Fixed functions (not std::hash) so hashes, and therefore dedup decisions, are identical across
// platforms and library versions.
#include <cstdint>
#include <string_view>

namespace mindllm::data {

// splitmix64 finaliser: a cheap, well-mixing bijection on 64 bits.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

// FNV-1a over the bytes, then mixed; `seed` gives independent hash functions.
inline uint64_t hash64(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xCBF29CE484222325ull ^ mix64(seed);
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  return mix64(h);
}

}  // namespace mindllm::data
