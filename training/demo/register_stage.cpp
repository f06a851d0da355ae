// Register stage: the build's final model becomes the app's default model folder (--out), swapped
// in atomically, with mindllm_demo.json saying how it was made and how it scored. The folder is
// then loaded as the app loads it and asked one legal and one financial question in the chat
// format, with the assistants' own system prompts; the answers go into the report.
#include <unistd.h>

#include <filesystem>

#include "core/cli/progress_bar.h"
#include "core/generate/generator.h"
#include "core/io/model_folder.h"
#include "core/util/atomic_file.h"
#include "training/demo/assistant_prompts.h"
#include "training/demo/demo_stages.h"
#include "training/demo/stage_ledger.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

struct SampleQuestion {
  const char* pack;
  const char* language;
  const char* question;
};
constexpr SampleQuestion kSamples[] = {
    {"law", "zh", "合同违约的责任是什么？"},
    {"finance", "en", "How do you calculate the current ratio and the quick ratio?"},
};

Json askSamples(const DemoContext& ctx, const std::string& modelDir, cli::ProgressBar& bar) {
  auto model = loadModelFolder(modelDir);
  Generator generator(model);
  SamplingParams params;  // the chat's default settings, so the report shows what a user sees
  params.seed = 20240801;  // fixed: the same build always shows the same answers
  params.maxNewTokens = ctx.recipe().name == "tiny" ? 24 : 160;
  params.stopStrings = model->chatTemplate().stopStrings();
  Json answers = Json::array();
  for (const auto& s : kSamples) {
    const std::string prompt = model->chatTemplate().render(
        {{"system", assistantSystemPrompt(ctx.options.domainsDir, s.pack, s.language)}, {"user", s.question}});
    bar.update(static_cast<int64_t>(answers.size()) + 1, "asking the " + std::string(s.pack) + " assistant");
    const GenerationResult r = generator.generate(prompt, params);
    answers.push_back({{"domain", s.pack},
                       {"question", s.question},
                       {"answer", r.text},
                       {"tokens", r.tokens.size()},
                       {"stop", toString(r.stopReason)},
                       {"decode_tokens_per_s", r.decodeTokensPerSecond()}});
  }
  return answers;
}

}  // namespace

Json runRegisterStage(const DemoContext& ctx) {
  const StageLedger ledger(ctx.paths.stages);
  const bool tuned = ledger.done("sft");
  const std::string source = tuned ? ctx.paths.sftModel() : ctx.paths.pretrainedModel();
  const fs::path out = fs::absolute(ctx.options.outDir);
  fs::create_directories(out.parent_path());
  const std::string staging = out.string() + ".tmp-" + std::to_string(::getpid());
  cli::ProgressBar bar("register", 1 + static_cast<int64_t>(std::size(kSamples)), "step");
  bar.update(0, "installing " + out.string());
  fs::remove_all(staging);
  fs::copy(source, staging, fs::copy_options::recursive);
  const Json about = {{"made_by", "mindllm-cli demo build"},
                      {"recipe", ctx.recipe().toJson()},
                      {"corpus", fs::absolute(ctx.options.corpusDir).string()},
                      {"instruction_tuned", tuned},
                      {"created", utcTimestamp()},
                      {"evaluation", ledger.done("eval") ? stageReport(ctx, "eval") : Json()}};
  writeJsonFileAtomic(staging + "/mindllm_demo.json", about);
  replaceDirAtomic(staging, out.string());

  // Checkpoints only serve resumption; the final folders stay for inspection.
  for (const auto& dir : {ctx.paths.pretrain + "/checkpoints", ctx.paths.sft + "/checkpoints"}) fs::remove_all(dir);
  Json samples = askSamples(ctx, out.string(), bar);
  bar.finish("installed and answering");
  return {{"model_dir", out.string()}, {"from", source}, {"instruction_tuned", tuned}, {"samples", samples}};
}

}  // namespace mindllm::demo
