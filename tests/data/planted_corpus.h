#pragma once
// Synthetic bilingual documents with planted duplicates, generated from a seed so that every run
// sees the same corpus. English documents are made of pseudo-words from a large syllable
// vocabulary, Chinese ones of characters from a few thousand common code points, so unrelated
// documents share almost no shingles and planted near duplicates are the only similar pairs.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/util/utf8.h"

namespace planted {

class Generator {
public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    const char* onsets[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl"};
    const char* vowels[] = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};
    const char* codas[] = {"", "n", "r", "s", "t", "l", "nd", "ck"};
    for (int w = 0; w < 4000; ++w) {
      std::string word;
      const int syllables = 1 + static_cast<int>(rng_() % 3);
      for (int s = 0; s < syllables; ++s)
        word += std::string(onsets[rng_() % 20]) + vowels[rng_() % 8] + codas[rng_() % 8];
      words_.push_back(word);
    }
  }

  std::string englishWord() { return words_[rng_() % words_.size()]; }
  std::string chineseChar() {
    std::string s;
    mindllm::utf8::append(s, static_cast<char32_t>(0x4E00 + rng_() % chineseAlphabet_));
    return s;
  }

  // `sentences` sentences of 8-16 words, several per line, ending in periods.
  std::string english(int sentences) {
    std::string out;
    for (int s = 0; s < sentences; ++s) {
      const int n = 8 + static_cast<int>(rng_() % 9);
      std::string sentence;
      for (int i = 0; i < n; ++i) sentence += (i ? " " : "") + englishWord();
      sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
      out += sentence + ".";
      out += (s % 3 == 2) ? "\n" : " ";
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
  }

  std::string chinese(int sentences) {
    std::string out;
    for (int s = 0; s < sentences; ++s) {
      const int n = 12 + static_cast<int>(rng_() % 12);
      for (int i = 0; i < n; ++i) out += chineseChar();
      out += (s % 3 == 2) ? "。\n" : "，";
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  // A near duplicate: about `rate` of the words (English) or characters (Chinese) replaced.
  std::string perturb(const std::string& text, double rate) {
    std::vector<char32_t> cps = mindllm::utf8::decode(text);
    std::string out;
    const bool chinese = !cps.empty() && cps[0] >= 0x4E00;
    std::uniform_real_distribution<double> u(0, 1);
    if (chinese) {
      for (char32_t c : cps) {
        if (c >= 0x4E00 && c < 0x9FFF && u(rng_) < rate) {
          out += chineseChar();
        } else {
          mindllm::utf8::append(out, c);
        }
      }
      return out;
    }
    std::string word;
    auto flush = [&]() {
      if (word.empty()) return;
      out += u(rng_) < rate ? englishWord() : word;
      word.clear();
    };
    for (char c : text) {
      if (c >= 'a' && c <= 'z') {
        word += c;
      } else {
        flush();
        out += c;
      }
    }
    flush();
    return out;
  }

  uint64_t next() { return rng_(); }
  // Fewer distinct characters make a corpus a small vocabulary can cover (tokenizer tests).
  void setChineseAlphabet(uint32_t n) { chineseAlphabet_ = n; }

private:
  std::mt19937_64 rng_;
  std::vector<std::string> words_;
  uint32_t chineseAlphabet_ = 3000;
};

}  // namespace planted
