// Pretokenize stage: the cleaned documents as token shards, with a seeded share held out for the
// pretraining's validation loss.
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "training/data/shard_format.h"
#include "training/data/shard_writer.h"
#include "training/demo/demo_stages.h"

namespace mindllm::demo {

Json runPretokenizeStage(const DemoContext& ctx) {
  std::shared_ptr<Tokenizer> tok = loadTokenizer(ctx.paths.tokenizer);
  data::TokenizerInfo info;
  info.encode = [tok](std::string_view text) { return tok->encode(text); };
  info.vocabSize = tok->vocabSize();
  if (!tok->eosId()) throw Error(ctx.paths.tokenizer + ": the tokenizer has no EOS token");
  info.eosId = *tok->eosId();
  info.hash = data::hashTokenizerFolder(ctx.paths.tokenizer);
  info.name = ctx.paths.tokenizer;

  data::PretokenizeOptions o;
  o.valFraction = ctx.recipe().valFraction;
  o.seed = ctx.recipe().seed;
  o.threads = ctx.options.threads;
  o.progress = true;
  std::vector<data::InputSpec> inputs;
  for (const auto& f : cleanedFiles(ctx)) inputs.push_back({f, {}});
  data::StageReport ingest("ingest");
  data::DocumentReader reader(inputs, &ingest);
  const Json meta = data::pretokenize(reader, info, ctx.paths.shards, o);
  Json report = {{"dir", ctx.paths.shards}, {"vocab_size", info.vocabSize}, {"val_fraction", o.valFraction}};
  for (const auto& [split, s] : meta.at("splits").items())
    report[split] = {{"documents", s.at("documents")}, {"tokens", s.at("tokens")}};
  return report;
}

}  // namespace mindllm::demo
