#pragma once
// Finds and loads mindllm_spm_backend, the module that holds sentencepiece (see
// spm_backend/spm_backend_api.h for why it is a module), once per process on first use.
//
// Search order: $MINDLLM_SPM_BACKEND if set (and nothing else then); next to the running
// executable; <exe dir>/../lib/mindllm/ (the installed layout); the build tree's copy. It is
// opened with RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND so that sentencepiece binds to the protobuf it
// bundles before any other in the process (LibTorch's libprotobuf).
#include <string>
#include <vector>

#include "core/tokenizer/spm_backend/spm_backend_api.h"

namespace mindllm {

class SentencePieceBackend {
public:
  // The loaded module; throws Error naming every path tried when none loads, or the symbol
  // missing from the one that did.
  static const SentencePieceBackend& get();
  // Where get() looks, in order.
  static std::vector<std::string> candidatePaths();

  const std::string& path() const { return path_; }

  decltype(&mindllm_spm_free) release = nullptr;
  decltype(&mindllm_spm_load) load = nullptr;
  decltype(&mindllm_spm_destroy) destroy = nullptr;
  decltype(&mindllm_spm_encode) encode = nullptr;
  decltype(&mindllm_spm_decode) decode = nullptr;
  decltype(&mindllm_spm_piece_size) pieceSize = nullptr;
  decltype(&mindllm_spm_piece_to_id) pieceToId = nullptr;
  decltype(&mindllm_spm_id_to_piece) idToPiece = nullptr;
  decltype(&mindllm_spm_piece_kind) pieceKind = nullptr;
  decltype(&mindllm_spm_special_ids) specialIds = nullptr;
  decltype(&mindllm_spm_train) train = nullptr;

  // An error message the module allocated, released.
  std::string takeError(char* error) const;

private:
  SentencePieceBackend(void* handle, std::string path);
  void* symbol(const char* name) const;

  void* handle_;
  std::string path_;
};

}  // namespace mindllm
