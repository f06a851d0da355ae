// mindllm-cli pretokenize: documents -> binary token shards (format in docs/DATA.md).
#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "training/cli/input_options.h"
#include "training/cli/training_commands.h"
#include "training/data/shard_format.h"
#include "training/data/shard_reader.h"
#include "training/data/shard_writer.h"

namespace mindllm::cli {
namespace {

int runPretokenize(const std::vector<std::string>& args) {
  ArgParser p("pretokenize", "Tokenize documents into binary shards with EOS between documents and a train/val split.");
  addInputOptions(p);
  p.option("tokenizer", "tokenizer folder", std::nullopt, true)
      .option("output", "shard folder to write", std::nullopt, true)
      .option("val-fraction", "share of documents for validation", "0.01")
      .option("seed", "split and shuffle seed", "1")
      .option("shard-tokens", "tokens per shard file", "268435456")
      .option("shuffle-buffer", "documents shuffled together (1 = keep input order)", "65536")
      .option("threads", "tokenizer threads", "2");
  if (!p.parse(args)) return 0;
  std::shared_ptr<Tokenizer> tok = loadTokenizer(p.get("tokenizer"));
  data::TokenizerInfo info;
  info.encode = [tok](std::string_view text) { return tok->encode(text); };
  info.vocabSize = tok->vocabSize();
  if (!tok->eosId()) throw Error(p.get("tokenizer") + ": the tokenizer has no EOS token");
  info.eosId = *tok->eosId();
  info.hash = data::hashTokenizerFolder(p.get("tokenizer"));
  info.name = p.get("tokenizer");
  data::PretokenizeOptions o;
  o.valFraction = p.getDouble("val-fraction");
  o.seed = static_cast<uint64_t>(p.getInt64("seed"));
  o.shardTokens = static_cast<uint64_t>(p.getInt64("shard-tokens"));
  o.shuffleBuffer = static_cast<size_t>(p.getInt64("shuffle-buffer"));
  o.threads = p.getInt("threads");
  o.progress = true;
  data::StageReport ingest("ingest");
  data::DocumentReader reader(inputsFrom(p), &ingest);
  const Json meta = data::pretokenize(reader, info, p.get("output"), o);
  std::cout << ingest.toText();
  for (const auto& [split, s] : meta["splits"].items())
    std::cout << split << ": " << s["documents"] << " documents, " << s["tokens"] << " tokens in " << s["shards"].size()
              << " shard(s)\n";
  std::cout << "dtype " << meta["dtype"].get<std::string>() << ", eos " << info.eosId << " -> " << p.get("output") << "\n";
  return 0;
}

int runInspect(const std::vector<std::string>& args) {
  ArgParser p("shards inspect", "Summarise a shard folder and print the first windows a rank would read.");
  p.positional("dir", "shard folder")
      .option("split", "train or val", "train")
      .option("seq-len", "window length T", "1024")
      .option("rank", "rank", "0")
      .option("world-size", "number of ranks", "1")
      .option("windows", "window ids to print", "4");
  if (!p.parse(args)) return 0;
  data::ShardReaderOptions o;
  o.split = p.get("split");
  o.seqLen = static_cast<uint64_t>(p.getInt64("seq-len"));
  o.rank = p.getInt("rank");
  o.worldSize = p.getInt("world-size");
  data::ShardReader reader(p.get("dir"), o);
  std::cout << reader.tokenCount() << " tokens, " << reader.shards().size() << " shard(s), " << reader.windowCount()
            << " windows of " << o.seqLen + 1 << " tokens, " << reader.windowsPerEpochPerRank()
            << " per rank per epoch\nnext windows:";
  for (uint64_t id : reader.peekWindows(static_cast<size_t>(p.getInt("windows")))) std::cout << " " << id;
  std::cout << "\ncursor: " << reader.position().toJson().dump() << "\n";
  return 0;
}

}  // namespace

void registerPretokenizeCommands(CommandRegistry& registry) {
  registry.add({"pretokenize", "tokenize documents into binary training shards", runPretokenize});
  registry.add({"shards inspect", "summarise a shard folder and the windows a rank reads", runInspect});
}

}  // namespace mindllm::cli
