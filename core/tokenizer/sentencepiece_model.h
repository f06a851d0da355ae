#pragma once
// One loaded sentencepiece model, reached through the sentencepiece backend module
// (sentencepiece_backend.h): what SentencePieceTokenizer asks of sentencepiece, with C++ types.
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/spm_backend/spm_backend_api.h"

namespace mindllm {

class SentencePieceBackend;

class SentencePieceModel {
public:
  // From the bytes of a tokenizer.model file; throws Error naming `where` if they are not one.
  SentencePieceModel(const std::string& modelBytes, const std::string& where);
  ~SentencePieceModel();
  SentencePieceModel(const SentencePieceModel&) = delete;
  SentencePieceModel& operator=(const SentencePieceModel&) = delete;

  std::vector<int> encode(std::string_view text) const;
  // sentencepiece's own decoder.
  std::string decode(const std::vector<int>& ids) const;
  int size() const;
  int pieceToId(std::string_view piece) const;  // unkId() when not a piece
  std::string idToPiece(int id) const;          // empty when out of range
  bool isControl(int id) const { return kind(id) & MINDLLM_SPM_PIECE_CONTROL; }
  bool isByte(int id) const { return kind(id) & MINDLLM_SPM_PIECE_BYTE; }
  bool isUnknown(int id) const { return kind(id) & MINDLLM_SPM_PIECE_UNKNOWN; }
  // -1 where the model has none.
  int unkId() const { return unk_; }
  int bosId() const { return bos_; }
  int eosId() const { return eos_; }
  int padId() const { return pad_; }

private:
  int kind(int id) const;

  const SentencePieceBackend& backend_;
  mindllm_spm_processor* processor_ = nullptr;
  int unk_ = -1, bos_ = -1, eos_ = -1, pad_ = -1;
};

}  // namespace mindllm
