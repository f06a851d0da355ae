#pragma once
// The C interface of mindllm_spm_backend, the module that holds all of sentencepiece.
//
// Why a module: Debian's libsentencepiece bundles protobuf-lite 3.14 and exports its symbols, while
// LibTorch links the system libprotobuf 3.21; in one symbol scope one copy interposes the other and
// the process crashes or aborts. The engine dlopen()s this module with RTLD_LOCAL | RTLD_DEEPBIND
// (core/tokenizer/sentencepiece_backend.h), so sentencepiece binds to its own protobuf first and
// never meets LibTorch's. Only C types cross the boundary, and memory the module hands out is
// released with mindllm_spm_free().
//
// Errors: functions that can fail return 0 on success and non-zero on failure, and then set
// *error to a message the caller frees with mindllm_spm_free().
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Bumped whenever a signature below changes; the loader refuses a module of another version.
#define MINDLLM_SPM_ABI_VERSION 1

// Only these functions leave the module (it is built with hidden visibility).
#define MINDLLM_SPM_API __attribute__((visibility("default")))

typedef struct mindllm_spm_processor mindllm_spm_processor;

// Kinds of piece, as bits of mindllm_spm_piece_kind().
enum {
  MINDLLM_SPM_PIECE_CONTROL = 1,
  MINDLLM_SPM_PIECE_BYTE = 2,
  MINDLLM_SPM_PIECE_UNKNOWN = 4
};

// Gives the next training sentence: returns 1 and sets *line/*len (valid until the next call),
// 0 at the end, -1 on failure (training then stops and fails).
typedef int (*mindllm_spm_next_line_fn)(void* context, const char** line, size_t* len);

MINDLLM_SPM_API int mindllm_spm_abi_version(void);
MINDLLM_SPM_API void mindllm_spm_free(void* memory);

// A processor from the bytes of a serialized ModelProto (a tokenizer.model file); NULL on failure.
MINDLLM_SPM_API mindllm_spm_processor* mindllm_spm_load(const char* model, size_t model_len, char** error);
MINDLLM_SPM_API void mindllm_spm_destroy(mindllm_spm_processor* processor);

// *ids (freed with mindllm_spm_free) gets *count ids.
MINDLLM_SPM_API int mindllm_spm_encode(const mindllm_spm_processor* processor, const char* text, size_t text_len,
                                       int** ids, size_t* count, char** error);
// sentencepiece's own decoder; *text (freed with mindllm_spm_free) gets *text_len bytes.
MINDLLM_SPM_API int mindllm_spm_decode(const mindllm_spm_processor* processor, const int* ids, size_t count,
                                       char** text, size_t* text_len, char** error);

MINDLLM_SPM_API int mindllm_spm_piece_size(const mindllm_spm_processor* processor);
// The unknown id for pieces not in the vocabulary, as sentencepiece's PieceToId.
MINDLLM_SPM_API int mindllm_spm_piece_to_id(const mindllm_spm_processor* processor, const char* piece,
                                            size_t piece_len);
// Points into the processor (valid while it lives); NULL for an id out of range.
MINDLLM_SPM_API const char* mindllm_spm_id_to_piece(const mindllm_spm_processor* processor, int id,
                                                    size_t* piece_len);
MINDLLM_SPM_API int mindllm_spm_piece_kind(const mindllm_spm_processor* processor, int id);
// -1 where the model has no such piece.
MINDLLM_SPM_API void mindllm_spm_special_ids(const mindllm_spm_processor* processor, int* unk, int* bos, int* eos,
                                             int* pad);

// SentencePieceTrainer::Train on the sentences `next_line` gives, with the trainer flags as
// key/value pairs ("vocab_size" -> "32000"); `seed` seeds sentencepiece's global generator (its
// reservoir sampling of the input). *model (freed with mindllm_spm_free) gets the serialized model.
MINDLLM_SPM_API int mindllm_spm_train(const char* const* keys, const char* const* values, size_t flag_count,
                                      unsigned int seed, mindllm_spm_next_line_fn next_line, void* context,
                                      char** model, size_t* model_len, char** error);

#ifdef __cplusplus
}
#endif
