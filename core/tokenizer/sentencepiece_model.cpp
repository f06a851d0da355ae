#include "core/tokenizer/sentencepiece_model.h"

#include "core/tokenizer/sentencepiece_backend.h"
#include "core/util/error.h"

namespace mindllm {

SentencePieceModel::SentencePieceModel(const std::string& modelBytes, const std::string& where)
    : backend_(SentencePieceBackend::get()) {
  char* error = nullptr;
  processor_ = backend_.load(modelBytes.data(), modelBytes.size(), &error);
  if (!processor_) throw fileError(where, "not a sentencepiece model: " + backend_.takeError(error));
  backend_.specialIds(processor_, &unk_, &bos_, &eos_, &pad_);
}

SentencePieceModel::~SentencePieceModel() { backend_.destroy(processor_); }

std::vector<int> SentencePieceModel::encode(std::string_view text) const {
  int* ids = nullptr;
  size_t count = 0;
  char* error = nullptr;
  if (backend_.encode(processor_, text.data(), text.size(), &ids, &count, &error) != 0)
    throw Error("sentencepiece encode: " + backend_.takeError(error));
  std::vector<int> out(ids, ids + count);
  backend_.release(ids);
  return out;
}

std::string SentencePieceModel::decode(const std::vector<int>& ids) const {
  char* text = nullptr;
  size_t length = 0;
  char* error = nullptr;
  if (backend_.decode(processor_, ids.data(), ids.size(), &text, &length, &error) != 0)
    throw Error("sentencepiece decode: " + backend_.takeError(error));
  std::string out(text, length);
  backend_.release(text);
  return out;
}

int SentencePieceModel::size() const { return backend_.pieceSize(processor_); }

int SentencePieceModel::pieceToId(std::string_view piece) const {
  return backend_.pieceToId(processor_, piece.data(), piece.size());
}

std::string SentencePieceModel::idToPiece(int id) const {
  size_t length = 0;
  const char* piece = backend_.idToPiece(processor_, id, &length);
  return piece ? std::string(piece, length) : std::string();
}

int SentencePieceModel::kind(int id) const { return backend_.pieceKind(processor_, id); }

}  // namespace mindllm
