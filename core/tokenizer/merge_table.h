#pragma once
// BPE merge rules keyed by the pair of token ids: (left, right) -> (rank, merged id).
// An open-addressing table: this lookup is the inner loop of BPE, and std::unordered_map's
// node chasing made it the slowest part of encoding.
#include <cstdint>
#include <vector>

namespace mindllm {

class MergeTable {
public:
  struct Rule {
    int32_t rank = -1;
    int32_t merged = -1;
  };

  // Keeps the first rule for a pair (lower rank wins, as in Hugging Face).
  void reserve(size_t n) {
    size_t cap = 16;
    int bits = 4;
    while (cap < 2 * n) {
      cap <<= 1;
      ++bits;
    }
    keys_.assign(cap, kEmpty);
    rules_.assign(cap, Rule{});
    mask_ = cap - 1;
    shift_ = 64 - bits;
  }
  void insert(int32_t left, int32_t right, Rule rule) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    const uint64_t key = pack(left, right);
    size_t i = slot(key);
    while (keys_[i] != kEmpty) {
      if (keys_[i] == key) return;
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    rules_[i] = rule;
    ++size_;
  }
  // nullptr when the pair has no rule.
  const Rule* find(int32_t left, int32_t right) const {
    if (keys_.empty()) return nullptr;
    const uint64_t key = pack(left, right);
    for (size_t i = slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &rules_[i];
      if (keys_[i] == kEmpty) return nullptr;
    }
  }
  size_t size() const { return size_; }

private:
  static constexpr uint64_t kEmpty = ~uint64_t(0);  // ids are never negative, so never (-1, -1)
  static uint64_t pack(int32_t l, int32_t r) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(l)) << 32) | static_cast<uint32_t>(r);
  }
  // Fibonacci hashing: the top bits of key * 2^64/phi.
  size_t slot(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  void grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<Rule> rules = std::move(rules_);
    reserve(keys.empty() ? 8 : keys.size());
    size_ = 0;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) insert(static_cast<int32_t>(keys[i] >> 32), static_cast<int32_t>(keys[i] & 0xFFFFFFFFu), rules[i]);
  }

  std::vector<uint64_t> keys_;
  std::vector<Rule> rules_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace mindllm
