// Named model shapes. The two MindLLM presets follow the paper (arXiv 2310.15777): the 1.3B model
// uses the GPT-Neo layout of the published checkpoint; the 3B preset uses the Llama layout this
// project pretrains with. The tiny presets keep tests and the CPU demo fast.
#include "core/util/error.h"
#include "core/model/model_config.h"

namespace mindllm {
namespace {

ModelConfig gptNeo(int hidden, int layers, int heads, int positions, int window, int vocab) {
  ModelConfig c;
  c.layout = Layout::GptNeo;
  c.hiddenSize = hidden;
  c.numLayers = layers;
  c.numHeads = heads;
  c.numKvHeads = heads;
  c.headDim = hidden / heads;
  c.intermediateSize = 4 * hidden;
  c.maxPositions = positions;
  c.windowSize = window;
  c.vocabSize = vocab;
  c.tieWordEmbeddings = true;
  for (int i = 0; i < layers; ++i) c.attentionLayers.push_back(i % 2 == 0 ? "global" : "local");
  return c;
}

ModelConfig llama(int hidden, int layers, int heads, int kvHeads, int ffn, int positions, int vocab, bool tie) {
  ModelConfig c;
  c.layout = Layout::Llama;
  c.hiddenSize = hidden;
  c.numLayers = layers;
  c.numHeads = heads;
  c.numKvHeads = kvHeads;
  c.headDim = hidden / heads;
  c.intermediateSize = ffn;
  c.maxPositions = positions;
  c.vocabSize = vocab;
  c.tieWordEmbeddings = tie;
  c.rmsNormEps = 1e-5;
  return c;
}

}  // namespace

std::vector<std::string> presetNames() {
  return {"mindllm-1.3b", "mindllm-3b", "small-llama", "small-gpt-neo", "demo-llama", "tiny-llama", "tiny-gpt-neo"};
}

ModelConfig presetConfig(const std::string& name, int vocabSize) {
  ModelConfig c;
  if (name == "mindllm-1.3b")
    c = gptNeo(2048, 24, 16, 2048, 256, vocabSize);
  else if (name == "mindllm-3b")
    c = llama(2560, 32, 32, 32, 6912, 2048, vocabSize, false);
  else if (name == "small-llama")  // ~10M parameters + embeddings: the CPU demo model
    c = llama(256, 6, 8, 4, 704, 512, vocabSize, true);
  else if (name == "demo-llama")  // `mindllm-cli demo build`: ~3M parameters + embeddings, trains in minutes on 2 cores;
                                  // a 1024 window so a system prompt, a question and an answer fit
    c = llama(256, 4, 4, 2, 704, 1024, vocabSize, true);
  else if (name == "small-gpt-neo")
    c = gptNeo(256, 6, 8, 512, 64, vocabSize);
  else if (name == "tiny-llama")
    c = llama(64, 2, 4, 2, 176, 256, vocabSize, false);
  else if (name == "tiny-gpt-neo")
    c = gptNeo(64, 2, 4, 256, 16, vocabSize);
  else
    throw Error("unknown preset '" + name + "' (known: mindllm-1.3b, mindllm-3b, small-llama, small-gpt-neo, "
                "demo-llama, tiny-llama, tiny-gpt-neo)");
  c.validate("preset " + name);
  return c;
}

}  // namespace mindllm
