#include "training/tokenizer_training/tokenizer_trainer.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "core/tokenizer/tokenizer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm::tokenizer_training {
namespace {

// Feeds sentencepiece one line at a time, straight from the document stream.
class DocumentLineIterator : public sentencepiece::SentenceIterator {
public:
  explicit DocumentLineIterator(data::DocumentReader& reader) : reader_(reader) { Next(); }
  bool done() const override { return done_; }
  const std::string& value() const override { return line_; }
  sentencepiece::util::Status status() const override { return sentencepiece::util::Status(); }
  void Next() override {
    for (;;) {
      while (pos_ < doc_.text.size()) {
        size_t nl = doc_.text.find('\n', pos_);
        if (nl == std::string::npos) nl = doc_.text.size();
        line_.assign(doc_.text, pos_, nl - pos_);
        pos_ = nl + 1;
        if (line_.find_first_not_of(' ') != std::string::npos) {
          ++count_;
          return;
        }
      }
      if (!reader_.next(doc_)) {
        done_ = true;
        line_.clear();
        return;
      }
      pos_ = 0;
    }
  }
  int64_t count() const { return count_; }

private:
  data::DocumentReader& reader_;
  data::Document doc_;
  size_t pos_ = 0;
  std::string line_;
  bool done_ = false;
  int64_t count_ = 0;
};

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
  // The reservoir sampling of input lines draws from sentencepiece's global generator.
  sentencepiece::SetRandomGeneratorSeed(static_cast<unsigned int>(o.seed));
  DocumentLineIterator lines(reader);
  std::string model;
  const auto status = sentencepiece::SentencePieceTrainer::Train(args, &lines, &model);
  if (!status.ok()) throw Error("tokenizer training failed: " + status.ToString());
  if (model.empty()) throw Error("tokenizer training produced no model (empty input?)");
  writeTokenizerFolder(model, outDir, o.eosPiece, o.userDefinedSymbols);

  TokenizerTrainResult r;
  r.vocabSize = loadTokenizer(outDir)->vocabSize();
  r.sentences = lines.count();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace mindllm::tokenizer_training
