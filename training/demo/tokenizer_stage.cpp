// Tokenizer stage: a bilingual sentencepiece BPE trained on the cleaned documents, with the chat
// tokens the app's template uses. sentencepiece's own log goes to logs/tokenizer.log.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/cli/progress_bar.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/utf8.h"
#include "training/demo/corpus_inputs.h"
#include "training/demo/demo_stages.h"
#include "training/demo/stderr_capture.h"
#include "training/tokenizer_training/tokenizer_trainer.h"

namespace mindllm::demo {
namespace {

std::vector<data::InputSpec> asInputs(const std::vector<std::string>& files) {
  std::vector<data::InputSpec> inputs;
  for (const auto& f : files) inputs.push_back({f, {}});
  return inputs;
}

// Characters per token on the held-out text: how well the vocabulary fits the corpus's languages.
Json compression(const Tokenizer& tokenizer, const std::vector<std::string>& valFiles) {
  Json out = Json::object();
  for (const auto& file : valFiles) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    const size_t tokens = tokenizer.encode(s).size();
    const size_t chars = utf8::decode(s).size();
    out[std::filesystem::path(file).stem().string()] = tokens ? static_cast<double>(chars) / tokens : 0.0;
  }
  return out;
}

}  // namespace

Json runTokenizerStage(const DemoContext& ctx) {
  tokenizer_training::TokenizerTrainOptions o;
  o.vocabSize = ctx.recipe().vocabSize;
  o.hardVocabLimit = ctx.recipe().hardVocabLimit;
  o.threads = ctx.options.threads;
  o.seed = ctx.recipe().seed;
  data::StageReport ingest("ingest");
  data::DocumentReader reader(asInputs(cleanedFiles(ctx)), &ingest);

  cli::ProgressBar bar("tokenizer", 1, "model");
  bar.update(0, "sentencepiece BPE, " + std::to_string(o.vocabSize) + " pieces");
  tokenizer_training::TokenizerTrainResult result;
  {
    StderrCapture quiet(ctx.paths.logs + "/tokenizer.log");
    result = tokenizer_training::trainTokenizer(reader, o, ctx.paths.tokenizer);
  }
  bar.finish(std::to_string(result.vocabSize) + " pieces");

  const auto tokenizer = loadTokenizer(ctx.paths.tokenizer);
  return {{"dir", ctx.paths.tokenizer},
          {"vocab_size", result.vocabSize},
          {"requested_vocab_size", o.vocabSize},
          {"documents", ingest.docsKept()},
          {"lines", result.sentences},
          {"train_seconds", result.seconds},
          {"chars_per_token", compression(*tokenizer, corpusValFiles(ctx.options.corpusDir))},
          {"log", ctx.paths.logs + "/tokenizer.log"}};
}

}  // namespace mindllm::demo
