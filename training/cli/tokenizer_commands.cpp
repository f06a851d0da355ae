// mindllm-cli tokenizer train|encode|decode|extend
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/cli/arg_parser.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/cli/input_options.h"
#include "training/cli/training_commands.h"
#include "training/tokenizer_training/tokenizer_trainer.h"
#include "training/tokenizer_training/vocabulary_extension.h"

namespace mindllm::cli {
namespace {

using namespace tokenizer_training;

int runTrain(const std::vector<std::string>& args) {
  ArgParser p("tokenizer train", "Train a bilingual sentencepiece BPE tokenizer (byte fallback, split digits).");
  addInputOptions(p);
  p.option("output", "tokenizer folder to write", std::nullopt, true)
      .option("vocab-size", "vocabulary size", "32000")
      .option("model-type", "bpe or unigram", "bpe")
      .option("character-coverage", "share of characters kept as pieces; the rest use byte fallback", "0.9995")
      .option("input-sentence-size", "lines sampled for training (0 = all)", "2000000")
      .option("user-symbol", "user-defined token (repeatable; default <user> <assistant> <system>)")
      .option("eos", "end-of-text token", "<|endoftext|>")
      .option("threads", "training threads", "2")
      .option("seed", "sampling seed", "1")
      .flag("soft-vocab-limit", "allow a smaller vocabulary when the corpus is tiny");
  if (!p.parse(args)) return 0;
  TokenizerTrainOptions o;
  o.vocabSize = p.getInt("vocab-size");
  o.modelType = p.get("model-type");
  o.characterCoverage = p.getDouble("character-coverage");
  o.inputSentenceSize = p.getInt64("input-sentence-size");
  if (!p.getAll("user-symbol").empty()) o.userDefinedSymbols = p.getAll("user-symbol");
  o.eosPiece = p.get("eos");
  o.threads = p.getInt("threads");
  o.seed = static_cast<uint64_t>(p.getInt64("seed"));
  o.hardVocabLimit = !p.flagSet("soft-vocab-limit");
  data::StageReport ingest("ingest");
  data::DocumentReader reader(inputsFrom(p), &ingest);
  const TokenizerTrainResult r = trainTokenizer(reader, o, p.get("output"));
  std::cout << ingest.toText() << "trained a " << r.vocabSize << "-piece tokenizer on " << r.sentences << " lines in "
            << r.seconds << " s -> " << p.get("output") << "\n";
  return 0;
}

std::vector<std::string> linesOf(const ArgParser& p) {
  std::vector<std::string> lines;
  if (p.has("text")) {
    lines.push_back(p.get("text"));
    return lines;
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (p.has("input-file")) {
    file.open(p.get("input-file"));
    if (!file) throw fileError(p.get("input-file"), "cannot open");
    in = &file;
  }
  std::string line;
  while (std::getline(*in, line)) lines.push_back(line);
  return lines;
}

int runEncode(const std::vector<std::string>& args) {
  ArgParser p("tokenizer encode", "Print token ids (or pieces) for --text, each line of --input-file, or stdin.");
  p.option("tokenizer", "tokenizer folder", std::nullopt, true)
      .option("text", "text to encode")
      .option("input-file", "file with one text per line")
      .flag("pieces", "print pieces instead of ids");
  if (!p.parse(args)) return 0;
  auto tok = loadTokenizer(p.get("tokenizer"));
  for (const auto& line : linesOf(p)) {
    std::string out;
    for (TokenId id : tok->encode(line)) {
      if (!out.empty()) out += ' ';
      out += p.flagSet("pieces") ? tok->idToToken(id) : std::to_string(id);
    }
    std::cout << out << "\n";
  }
  return 0;
}

int runDecode(const std::vector<std::string>& args) {
  ArgParser p("tokenizer decode", "Print the text of space-separated ids from --ids, --input-file lines, or stdin.");
  p.option("tokenizer", "tokenizer folder", std::nullopt, true)
      .option("ids", "ids, e.g. \"12 345 6\"")
      .option("input-file", "file with one id list per line")
      .flag("skip-special", "leave out special tokens");
  if (!p.parse(args)) return 0;
  auto tok = loadTokenizer(p.get("tokenizer"));
  std::vector<std::string> lines;
  if (p.has("ids")) {
    lines.push_back(p.get("ids"));
  } else {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (p.has("input-file")) {
      file.open(p.get("input-file"));
      if (!file) throw fileError(p.get("input-file"), "cannot open");
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) lines.push_back(line);
  }
  for (const auto& line : lines) {
    std::istringstream ss(line);
    std::vector<TokenId> ids;
    std::string word;
    while (ss >> word) {
      try {
        ids.push_back(static_cast<TokenId>(std::stol(word)));
      } catch (const std::exception&) {
        throw Error("tokenizer decode: '" + word + "' is not a token id");
      }
      if (ids.back() < 0 || ids.back() >= tok->vocabSize())
        throw Error("tokenizer decode: id " + word + " is outside the vocabulary (" + std::to_string(tok->vocabSize()) + ")");
    }
    std::cout << tok->decode(ids, p.flagSet("skip-special")) << "\n";
  }
  return 0;
}

int runExtend(const std::vector<std::string>& args) {
  ArgParser p("tokenizer extend",
              "Append new (Chinese) tokens to a sentencepiece tokenizer; old ids stay the same.");
  p.option("base", "existing tokenizer folder", std::nullopt, true)
      .option("output", "extended tokenizer folder", std::nullopt, true)
      .option("tokens", "file with one new token per line")
      .option("token", "a new token (repeatable)")
      .option("corpus", "learn new pieces from this corpus (repeatable; files or folders)")
      .option("text-field", "JSONL text field of the corpus", "text")
      .option("learn-vocab-size", "size of the BPE model trained on the corpus", "8000")
      .option("max-new", "most pieces to add from the corpus", "4000")
      .flag("no-prefixes", "do not add the left prefixes of listed tokens (they may become unreachable)");
  if (!p.parse(args)) return 0;
  std::vector<std::string> tokens = p.getAll("token");
  if (p.has("tokens")) {
    std::istringstream in(readFile(p.get("tokens")));
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) tokens.push_back(line);
    }
  }
  if (!p.getAll("corpus").empty()) {
    data::IngestOptions io;
    io.textField = p.get("text-field");
    std::vector<data::InputSpec> inputs;
    for (const auto& c : p.getAll("corpus")) inputs.push_back({c, io});
    data::DocumentReader reader(inputs, nullptr);
    TokenizerTrainOptions o;
    const auto learned = learnPieces(reader, readFile(p.get("base") + "/tokenizer.model"), p.getInt("learn-vocab-size"),
                                     p.getInt("max-new"), o);
    tokens.insert(tokens.end(), learned.begin(), learned.end());
  }
  if (tokens.empty()) throw Error("tokenizer extend: give --tokens, --token or --corpus");
  const VocabularyExtension ext = extendTokenizer(p.get("base"), p.get("output"), tokens, !p.flagSet("no-prefixes"));
  std::cout << "extended " << ext.oldSize << " -> " << ext.newSize << " pieces (" << ext.added.size()
            << " added, old ids unchanged) -> " << p.get("output") << "\n";
  return 0;
}

}  // namespace

void registerTokenizerCommands(CommandRegistry& registry) {
  registry.add({"tokenizer train", "train a sentencepiece BPE tokenizer on a corpus", runTrain});
  registry.add({"tokenizer encode", "text -> token ids", runEncode});
  registry.add({"tokenizer decode", "token ids -> text", runDecode});
  registry.add({"tokenizer extend", "append new tokens to a vocabulary, keeping old ids", runExtend});
}

}  // namespace mindllm::cli
