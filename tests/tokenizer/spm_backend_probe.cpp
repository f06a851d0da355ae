// Loads the sentencepiece backend module and prints its path (exit 0), or the loader's error
// (exit 1). Built twice by tests/tokenizer/CMakeLists.txt: as every executable is (-fPIC), and as a
// plain PIE that holds its own copy of std::cerr, which the loader must refuse with a reason.
#include <iostream>

#include "core/tokenizer/sentencepiece_backend.h"
#include "core/util/error.h"

int main() {
  try {
    std::cout << mindllm::SentencePieceBackend::get().path() << "\n";
    return 0;
  } catch (const mindllm::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
