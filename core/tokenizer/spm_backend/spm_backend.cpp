// mindllm_spm_backend: sentencepiece behind the C interface of spm_backend_api.h. The only code in
// the project that includes sentencepiece's headers (besides torch-free reference tests and the
// bench); C++ exceptions never leave it.
#include "core/tokenizer/spm_backend/spm_backend_api.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct mindllm_spm_processor {
  sentencepiece::SentencePieceProcessor sp;
};

namespace {

// A malloc'ed copy, released by the caller with mindllm_spm_free.
template <typename T>
T* copyOut(const T* data, size_t count) {
  T* out = static_cast<T*>(std::malloc(count ? count * sizeof(T) : 1));
  if (out && count) std::memcpy(out, data, count * sizeof(T));
  return out;
}

int fail(char** error, const std::string& message) {
  if (error) *error = copyOut(message.c_str(), message.size() + 1);
  return 1;
}

// Runs `body`, turning a C++ exception into an error return.
template <typename Body>
int guarded(char** error, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return fail(error, e.what());
  } catch (...) {
    return fail(error, "unknown C++ exception in the sentencepiece backend");
  }
}

// Hands sentencepiece's trainer the sentences of a C callback.
class CallbackSentenceIterator : public sentencepiece::SentenceIterator {
public:
  CallbackSentenceIterator(mindllm_spm_next_line_fn next, void* context) : next_(next), context_(context) { Next(); }
  bool done() const override { return done_; }
  const std::string& value() const override { return line_; }
  sentencepiece::util::Status status() const override { return status_; }
  void Next() override {
    const char* data = nullptr;
    size_t len = 0;
    const int got = next_(context_, &data, &len);
    if (got == 1) {
      line_.assign(data, len);
      return;
    }
    done_ = true;
    line_.clear();
    if (got != 0)
      status_ = sentencepiece::util::Status(sentencepiece::util::StatusCode::kAborted, "reading the input failed");
  }
  bool failed() const { return !status_.ok(); }

private:
  mindllm_spm_next_line_fn next_;
  void* context_;
  std::string line_;
  bool done_ = false;
  sentencepiece::util::Status status_;
};

}  // namespace

extern "C" {

int mindllm_spm_abi_version(void) { return MINDLLM_SPM_ABI_VERSION; }

void mindllm_spm_free(void* memory) { std::free(memory); }

mindllm_spm_processor* mindllm_spm_load(const char* model, size_t model_len, char** error) {
  mindllm_spm_processor* processor = nullptr;
  guarded(error, [&] {
    auto loaded = std::make_unique<mindllm_spm_processor>();
    const auto status = loaded->sp.LoadFromSerializedProto(absl::string_view(model, model_len));
    if (!status.ok()) return fail(error, status.ToString());
    processor = loaded.release();
    return 0;
  });
  return processor;
}

void mindllm_spm_destroy(mindllm_spm_processor* processor) { delete processor; }

int mindllm_spm_encode(const mindllm_spm_processor* processor, const char* text, size_t text_len, int** ids,
                       size_t* count, char** error) {
  return guarded(error, [&] {
    std::vector<int> out;
    const auto status = processor->sp.Encode(absl::string_view(text, text_len), &out);
    if (!status.ok()) return fail(error, status.ToString());
    *ids = copyOut(out.data(), out.size());
    *count = out.size();
    return 0;
  });
}

int mindllm_spm_decode(const mindllm_spm_processor* processor, const int* ids, size_t count, char** text,
                       size_t* text_len, char** error) {
  return guarded(error, [&] {
    std::string out;
    const auto status = processor->sp.Decode(std::vector<int>(ids, ids + count), &out);
    if (!status.ok()) return fail(error, status.ToString());
    *text = copyOut(out.data(), out.size());
    *text_len = out.size();
    return 0;
  });
}

int mindllm_spm_piece_size(const mindllm_spm_processor* processor) { return processor->sp.GetPieceSize(); }

int mindllm_spm_piece_to_id(const mindllm_spm_processor* processor, const char* piece, size_t piece_len) {
  return processor->sp.PieceToId(absl::string_view(piece, piece_len));
}

const char* mindllm_spm_id_to_piece(const mindllm_spm_processor* processor, int id, size_t* piece_len) {
  if (id < 0 || id >= processor->sp.GetPieceSize()) return nullptr;
  const std::string& piece = processor->sp.IdToPiece(id);  // a reference into the model
  *piece_len = piece.size();
  return piece.data();
}

int mindllm_spm_piece_kind(const mindllm_spm_processor* processor, int id) {
  if (id < 0 || id >= processor->sp.GetPieceSize()) return 0;
  const auto& sp = processor->sp;
  return (sp.IsControl(id) ? MINDLLM_SPM_PIECE_CONTROL : 0) | (sp.IsByte(id) ? MINDLLM_SPM_PIECE_BYTE : 0) |
         (sp.IsUnknown(id) ? MINDLLM_SPM_PIECE_UNKNOWN : 0);
}

void mindllm_spm_special_ids(const mindllm_spm_processor* processor, int* unk, int* bos, int* eos, int* pad) {
  *unk = processor->sp.unk_id();
  *bos = processor->sp.bos_id();
  *eos = processor->sp.eos_id();
  *pad = processor->sp.pad_id();
}

int mindllm_spm_train(const char* const* keys, const char* const* values, size_t flag_count, unsigned int seed,
                      mindllm_spm_next_line_fn next_line, void* context, char** model, size_t* model_len,
                      char** error) {
  return guarded(error, [&] {
    std::unordered_map<std::string, std::string> flags;
    for (size_t i = 0; i < flag_count; ++i) flags[keys[i]] = values[i];
    sentencepiece::SetRandomGeneratorSeed(seed);
    CallbackSentenceIterator lines(next_line, context);
    std::string out;
    const auto status = sentencepiece::SentencePieceTrainer::Train(flags, &lines, &out);
    // The input's own failure comes first: the trainer may report it as something else or not at all.
    if (lines.failed()) return fail(error, lines.status().ToString());
    if (!status.ok()) return fail(error, status.ToString());
    *model = copyOut(out.data(), out.size());
    *model_len = out.size();
    return 0;
  });
}

}  // extern "C"
