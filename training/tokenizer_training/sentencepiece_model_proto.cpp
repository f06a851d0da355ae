#include "training/tokenizer_training/sentencepiece_model_proto.h"

#include <algorithm>
#include <cstring>

#include "core/util/error.h"

namespace mindllm::tokenizer_training {
namespace {

class WireReader {
public:
  WireReader(const std::string& data, const std::string& where) : data_(data), where_(where) {}
  bool done() const { return pos_ >= data_.size(); }
  size_t pos() const { return pos_; }

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) fail("truncated varint");
      const auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("varint too long");
    return 0;
  }

  // Skips the payload of a field with `wireType`; returns its bytes.
  std::string payload(uint32_t wireType) {
    const size_t start = pos_;
    switch (wireType) {
      case 0: varint(); break;
      case 1: skip(8); break;
      case 2: {
        const uint64_t n = varint();
        const size_t body = pos_;
        skip(n);
        return data_.substr(body, static_cast<size_t>(n));
      }
      case 5: skip(4); break;
      default: fail("unsupported wire type " + std::to_string(wireType));
    }
    return data_.substr(start, pos_ - start);
  }

  [[noreturn]] void fail(const std::string& msg) const {
    throw Error(where_ + ": not a sentencepiece model (" + msg + " at byte " + std::to_string(pos_) + ")");
  }

private:
  void skip(uint64_t n) {
    if (n > data_.size() - pos_) fail("field runs past the end");
    pos_ += static_cast<size_t>(n);
  }
  const std::string& data_;
  std::string where_;
  size_t pos_ = 0;
};

void putVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void putTag(std::string& out, uint32_t field, uint32_t wireType) { putVarint(out, (field << 3) | wireType); }

void putBytes(std::string& out, uint32_t field, const std::string& bytes) {
  putTag(out, field, 2);
  putVarint(out, bytes.size());
  out += bytes;
}

ModelPiece parsePiece(const std::string& bytes, const std::string& where) {
  ModelPiece p;
  WireReader r(bytes, where);
  while (!r.done()) {
    const uint64_t tag = r.varint();
    const auto field = static_cast<uint32_t>(tag >> 3), wire = static_cast<uint32_t>(tag & 7);
    const std::string v = r.payload(wire);
    if (field == 1 && wire == 2) {
      p.piece = v;
    } else if (field == 2 && wire == 5) {
      std::memcpy(&p.score, v.data(), 4);
    } else if (field == 3 && wire == 0) {
      std::string tmp = v;
      WireReader vr(tmp, where);
      p.type = static_cast<PieceType>(vr.varint());
    }
  }
  return p;
}

std::string serializePiece(const ModelPiece& p) {
  std::string out;
  putBytes(out, 1, p.piece);
  putTag(out, 2, 5);
  char f[4];
  std::memcpy(f, &p.score, 4);
  out.append(f, 4);
  if (p.type != PieceType::Normal) {
    putTag(out, 3, 0);
    putVarint(out, static_cast<uint64_t>(p.type));
  }
  return out;
}

// Splits a message into (field number, whole field bytes).
template <typename Fn>
void forEachField(const std::string& bytes, const std::string& where, Fn fn) {
  WireReader r(bytes, where);
  while (!r.done()) {
    const size_t start = r.pos();
    const uint64_t tag = r.varint();
    const auto field = static_cast<uint32_t>(tag >> 3), wire = static_cast<uint32_t>(tag & 7);
    const std::string payload = r.payload(wire);
    fn(field, wire, payload, bytes.substr(start, r.pos() - start));
  }
}

}  // namespace

SentencePieceModelProto SentencePieceModelProto::parse(const std::string& bytes, const std::string& where) {
  SentencePieceModelProto m;
  forEachField(bytes, where, [&](uint32_t field, uint32_t wire, const std::string& payload, const std::string& whole) {
    if (field == 1 && wire == 2) {
      m.pieces.push_back(parsePiece(payload, where));
      m.originalPieces_.push_back(m.pieces.back());
      m.originalPieceBytes_.push_back(payload);
    } else {
      m.others_.push_back({field, whole});
    }
  });
  if (m.pieces.empty()) throw Error(where + ": not a sentencepiece model (no pieces)");
  return m;
}

std::string SentencePieceModelProto::serialize() const {
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const ModelPiece& p = pieces[i];
    const bool unchanged = i < originalPieces_.size() && originalPieces_[i].piece == p.piece &&
                           originalPieces_[i].score == p.score && originalPieces_[i].type == p.type;
    putBytes(out, 1, unchanged ? originalPieceBytes_[i] : serializePiece(p));
  }
  for (const auto& f : others_) out += f.bytes;
  return out;
}

void SentencePieceModelProto::setTrainerVocabSize(int32_t size) {
  for (auto& f : others_) {
    if (f.number != 2) continue;
    std::string payload;
    WireReader r(f.bytes, "trainer_spec");
    r.varint();
    payload = r.payload(2);
    std::string rebuilt;
    bool set = false;
    forEachField(payload, "trainer_spec", [&](uint32_t field, uint32_t wire, const std::string&, const std::string& whole) {
      if (field == 4 && wire == 0) {
        putTag(rebuilt, 4, 0);
        putVarint(rebuilt, static_cast<uint64_t>(size));
        set = true;
      } else {
        rebuilt += whole;
      }
    });
    if (!set) {
      putTag(rebuilt, 4, 0);
      putVarint(rebuilt, static_cast<uint64_t>(size));
    }
    f.bytes.clear();
    putBytes(f.bytes, 2, rebuilt);
    return;
  }
}

namespace {
int64_t trainerVarint(const std::string& fieldBytes, uint32_t wanted) {
  WireReader r(fieldBytes, "trainer_spec");
  r.varint();
  const std::string payload = r.payload(2);
  int64_t value = -1;
  forEachField(payload, "trainer_spec", [&](uint32_t field, uint32_t wire, const std::string& v, const std::string&) {
    if (field == wanted && wire == 0) {
      WireReader vr(v, "trainer_spec");
      value = static_cast<int64_t>(vr.varint());
    }
  });
  return value;
}
}  // namespace

int32_t SentencePieceModelProto::trainerVocabSize() const {
  for (const auto& f : others_)
    if (f.number == 2) return static_cast<int32_t>(trainerVarint(f.bytes, 4));
  return -1;
}

int SentencePieceModelProto::trainerModelType() const {
  for (const auto& f : others_)
    if (f.number == 2) return static_cast<int>(std::max<int64_t>(0, trainerVarint(f.bytes, 3)));
  return 0;
}

}  // namespace mindllm::tokenizer_training
