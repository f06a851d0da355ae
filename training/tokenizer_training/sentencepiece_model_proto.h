#pragma once
// Just enough of sentencepiece's ModelProto to edit a vocabulary, read and written in protobuf
// wire format by hand: libsentencepiece does not install sentencepiece_model.pb.h. The message:
//
//   ModelProto   { repeated SentencePiece pieces = 1; TrainerSpec trainer_spec = 2;
//                  NormalizerSpec normalizer_spec = 3; SelfTestData self_test_data = 4;
//                  NormalizerSpec denormalizer_spec = 5; }
//   SentencePiece{ string piece = 1; float score = 2; Type type = 3 (NORMAL = 1 by default); }
//   TrainerSpec  { ...; int32 vocab_size = 4; ... }
//
// Pieces are decoded; every other field is kept byte for byte, so a parse/serialize round trip
// reproduces the file and an edited model differs only where we changed it.
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm::tokenizer_training {

enum class PieceType : int { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

struct ModelPiece {
  std::string piece;
  float score = 0;
  PieceType type = PieceType::Normal;
};

class SentencePieceModelProto {
public:
  static SentencePieceModelProto parse(const std::string& bytes, const std::string& where);
  std::string serialize() const;

  std::vector<ModelPiece> pieces;
  // Sets TrainerSpec.vocab_size (kept in step with the number of pieces after an edit).
  void setTrainerVocabSize(int32_t size);
  int32_t trainerVocabSize() const;
  // TrainerSpec.model_type: 1 unigram, 2 bpe, 3 word, 4 char (0 if absent).
  int trainerModelType() const;

private:
  struct RawField {
    uint32_t number;
    std::string bytes;  // the whole field: tag and payload
  };
  std::vector<RawField> others_;
  std::vector<ModelPiece> originalPieces_;  // as parsed, to reuse their exact bytes when unchanged
  std::vector<std::string> originalPieceBytes_;
};

}  // namespace mindllm::tokenizer_training
