#include "training/tokenizer_training/tokenizer_trainer.h"

#include <unistd.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <unordered_map>

#include "core/tokenizer/sentencepiece_backend.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm::tokenizer_training {
namespace {

// Feeds sentencepiece one line at a time, straight from the document stream, through the
// backend's C callback. A reader's exception cannot cross the C boundary: it is kept and rethrown
// once training returns.
class DocumentLineSource {
public:
  explicit DocumentLineSource(data::DocumentReader& reader) : reader_(reader) {}

  static int next(void* self, const char** line, size_t* len) {
    auto& source = *static_cast<DocumentLineSource*>(self);
    try {
      if (!source.advance()) return 0;
      *line = source.line_.data();
      *len = source.line_.size();
      return 1;
    } catch (...) {
      source.failure_ = std::current_exception();
      return -1;
    }
  }
  void rethrowFailure() const {
    if (failure_) std::rethrow_exception(failure_);
  }
  int64_t count() const { return count_; }

private:
  bool advance() {
    for (;;) {
      while (pos_ < doc_.text.size()) {
        size_t nl = doc_.text.find('\n', pos_);
        if (nl == std::string::npos) nl = doc_.text.size();
        line_.assign(doc_.text, pos_, nl - pos_);
        pos_ = nl + 1;
        if (line_.find_first_not_of(' ') != std::string::npos) {
          ++count_;
          return true;
        }
      }
      if (!reader_.next(doc_)) return false;
      pos_ = 0;
    }
  }

  data::DocumentReader& reader_;
  data::Document doc_;
  size_t pos_ = 0;
  std::string line_;
  int64_t count_ = 0;
  std::exception_ptr failure_;
};

// SentencePieceTrainer::Train in the backend module; the serialized model.
std::string trainSentencePiece(const std::unordered_map<std::string, std::string>& flags, unsigned int seed,
                               DocumentLineSource& lines) {
  std::vector<const char*> keys, values;
  for (const auto& [key, value] : flags) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  const SentencePieceBackend& spm = SentencePieceBackend::get();
  char* model = nullptr;
  size_t modelLen = 0;
  char* error = nullptr;
  const int failed = spm.train(keys.data(), values.data(), keys.size(), seed, &DocumentLineSource::next, &lines,
                               &model, &modelLen, &error);
  const std::string message = failed ? spm.takeError(error) : std::string();
  lines.rethrowFailure();  // the reader's own error says more than the trainer's
  if (failed) throw Error("tokenizer training failed: " + message);
  std::string out(model, modelLen);
  spm.release(model);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (s.find(',') != std::string::npos) throw Error("tokenizer: special token '" + s + "' must not contain a comma");
    out += (out.empty() ? "" : ",") + s;
  }
  return out;
}

}  // namespace

void writeTokenizerFolder(const std::string& modelBytes, const std::string& outDir, const std::string& eosPiece,
                          const std::vector<std::string>& additionalSpecial) {
  const fs::path out = fs::absolute(outDir);
  const std::string staging = out.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(staging);
  fs::create_directories(staging);
  try {
    writeFileAtomic(staging + "/tokenizer.model", modelBytes);
    Json names = {{"bos_token", "<s>"}, {"eos_token", eosPiece}, {"unk_token", "<unk>"}, {"pad_token", "<pad>"}};
    if (!additionalSpecial.empty()) names["additional_special_tokens"] = additionalSpecial;
    writeJsonFileAtomic(staging + "/special_tokens_map.json", names);
    // Let the engine's own tokenizer write its config: the folder then reads back exactly as saved.
    loadTokenizer(staging)->save(staging);
    replaceDirAtomic(staging, out.string());
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
}

TokenizerTrainResult trainTokenizer(data::DocumentReader& reader, const TokenizerTrainOptions& o,
                                    const std::string& outDir) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::unordered_map<std::string, std::string> args = {
      {"model_type", o.modelType},
      {"vocab_size", std::to_string(o.vocabSize)},
      {"character_coverage", std::to_string(o.characterCoverage)},
      {"byte_fallback", "true"},
      {"split_digits", "true"},
      {"split_by_unicode_script", "true"},
      {"allow_whitespace_only_pieces", "true"},
      {"normalization_rule_name", "identity"},
      {"remove_extra_whitespaces", "false"},
      {"add_dummy_prefix", "false"},
      {"unk_id", "0"},
      {"bos_id", "1"},
      {"eos_id", "2"},
      {"pad_id", "3"},
      {"unk_piece", "<unk>"},
      {"bos_piece", "<s>"},
      {"eos_piece", o.eosPiece},
      {"pad_piece", "<pad>"},
      {"user_defined_symbols", join(o.userDefinedSymbols)},
      {"input_sentence_size", std::to_string(o.inputSentenceSize)},
      {"shuffle_input_sentence", "true"},
      {"max_sentence_length", std::to_string(o.maxSentenceLength)},
      {"num_threads", std::to_string(std::max(1, o.threads))},
      {"hard_vocab_limit", o.hardVocabLimit ? "true" : "false"},
  };
  // The seed is for the reservoir sampling of input lines (sentencepiece's global generator).
  DocumentLineSource lines(reader);
  const std::string model = trainSentencePiece(args, static_cast<unsigned int>(o.seed), lines);
  if (model.empty()) throw Error("tokenizer training produced no model (empty input?)");
  writeTokenizerFolder(model, outDir, o.eosPiece, o.userDefinedSymbols);

  TokenizerTrainResult r;
  r.vocabSize = loadTokenizer(outDir)->vocabSize();
  r.sentences = lines.count();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace mindllm::tokenizer_training
