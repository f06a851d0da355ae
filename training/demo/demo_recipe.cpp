#include "training/demo/demo_recipe.h"

#include "core/util/error.h"

namespace mindllm::demo {

DemoRecipe DemoRecipe::full() {
  DemoRecipe r;
  r.name = "full";
  return r;
}

DemoRecipe DemoRecipe::tiny() {
  DemoRecipe r;
  r.name = "tiny";
  r.sliceFraction = 0.06;
  r.vocabSize = 2000;  // above the ~1,400 characters the slice needs as pieces
  r.hardVocabLimit = false;
  r.preset = "tiny-llama";
  r.seqLen = 128;
  r.lr = 3e-3;
  r.minLr = 3e-4;
  r.pretrainSteps = 60;
  r.warmupSteps = 6;
  r.evalEvery = 20;
  r.evalBatches = 4;
  r.checkpointEvery = 10;
  r.valFraction = 0.05;
  r.sftSeqLen = 256;
  r.sftLr = 1e-3;
  r.sftEpochs = 1;
  r.evalPerplexityTokens = 3000;
  r.evalLimit = 4;
  return r;
}

DemoRecipe DemoRecipe::byName(const std::string& name) {
  if (name == "full") return full();
  if (name == "tiny") return tiny();
  throw Error("demo: unknown recipe '" + name + "' (known: full, tiny)");
}

Json DemoRecipe::toJson() const {
  return {{"name", name},
          {"slice_fraction", sliceFraction},
          {"vocab_size", vocabSize},
          {"hard_vocab_limit", hardVocabLimit},
          {"preset", preset},
          {"seq_len", seqLen},
          {"micro_batch", microBatch},
          {"grad_accum", gradAccum},
          {"lr", lr},
          {"min_lr", minLr},
          {"pretrain_steps", pretrainSteps},
          {"warmup_steps", warmupSteps},
          {"eval_every", evalEvery},
          {"eval_batches", evalBatches},
          {"checkpoint_every", checkpointEvery},
          {"val_fraction", valFraction},
          {"select_quantiles", {selectLow, selectHigh}},
          {"sft_seq_len", sftSeqLen},
          {"sft_lr", sftLr},
          {"sft_epochs", sftEpochs},
          {"sft_micro_batch", sftMicroBatch},
          {"eval_perplexity_tokens", evalPerplexityTokens},
          {"eval_limit", evalLimit},
          {"seed", seed}};
}

}  // namespace mindllm::demo
