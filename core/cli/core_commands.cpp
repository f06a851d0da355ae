// The engine's own subcommands: info, generate, chat, init, convert.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "core/cli/arg_parser.h"
#include "core/cli/command.h"
#include "core/generate/generator.h"
#include "core/io/model_folder.h"
#include "core/io/weights.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::cli {
namespace {

std::atomic<bool> gInterrupted{false};

void onSigint(int) { gInterrupted = true; }

void addSamplingOptions(ArgParser& p) {
  p.option("max-new-tokens", "tokens to generate at most", "256")
      .option("temperature", "sampling temperature; 0 = greedy", "0.7")
      .option("top-k", "keep the k most likely tokens; 0 = off", "40")
      .option("top-p", "nucleus sampling mass; 1 = off", "0.9")
      .option("repetition-penalty", "penalty for repeated tokens; 1 = off", "1.1")
      .option("seed", "random seed (same seed, same output)", "0")
      .option("stop", "stop string (repeatable)")
      .option("device", "cpu, cuda or cuda:N", "cpu")
      .option("dtype", "auto, float32, bfloat16 or float16", "auto");
}

SamplingParams samplingFrom(const ArgParser& p) {
  SamplingParams s;
  s.maxNewTokens = p.getInt("max-new-tokens");
  s.temperature = static_cast<float>(p.getDouble("temperature"));
  s.topK = p.getInt("top-k");
  s.topP = static_cast<float>(p.getDouble("top-p"));
  s.repetitionPenalty = static_cast<float>(p.getDouble("repetition-penalty"));
  s.seed = static_cast<uint64_t>(p.getInt64("seed"));
  s.stopStrings = p.getAll("stop");
  return s;
}

std::string humanCount(int64_t n) {
  char buf[32];
  if (n >= 1000000000)
    std::snprintf(buf, sizeof buf, "%.2fB", n / 1e9);
  else if (n >= 1000000)
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  return buf;
}

int runInfo(const std::vector<std::string>& args) {
  ArgParser p("info", "Print a model folder's layout, size, vocabulary and dtype.");
  p.option("model", "model folder (Hugging Face layout)", std::nullopt, true);
  if (!p.parse(args)) return 0;
  const auto info = inspectModelFolder(p.get("model"));
  std::cout << "model:          " << info.dir << "\n"
            << "layout:         " << info.layout << "\n"
            << "parameters:     " << humanCount(info.parameters) << " (" << info.parameters << ")\n"
            << "vocab size:     " << info.vocabSize << "\n"
            << "context length: " << info.contextLength << "\n"
            << "dtype:          " << info.dtype << "\n"
            << "weights:        " << info.weightsFormat << "\n"
            << "tokenizer:      " << info.tokenizerKind << "\n"
            << "chat template:  " << info.chatTemplate << "\n";
  return 0;
}

// Streams text to stdout and prints speed to stderr.
GenerationResult streamToStdout(Generator& gen, const std::string& prompt, const SamplingParams& s) {
  gInterrupted = false;
  auto result = gen.generate(
      prompt, s,
      [](const std::string& piece, const GenerationProgress&) {
        std::cout << piece << std::flush;
        return true;
      },
      &gInterrupted);
  std::cout << "\n";
  std::fprintf(stderr, "[%d prompt tokens %.1f tok/s | %zu new tokens %.1f tok/s | stop: %s]\n", result.promptTokens,
               result.prefillTokensPerSecond(), result.tokens.size(), result.decodeTokensPerSecond(),
               toString(result.stopReason));
  return result;
}

int runGenerate(const std::vector<std::string>& args) {
  ArgParser p("generate", "Continue a prompt, streaming the text to stdout; speed goes to stderr.");
  p.option("model", "model folder", std::nullopt, true).option("prompt", "the text to continue", std::nullopt, true);
  p.flag("chat", "wrap the prompt in the model's chat template as a user turn");
  addSamplingOptions(p);
  if (!p.parse(args)) return 0;
  auto model = loadModelFolder(p.get("model"), DeviceSpec::parse(p.get("device"), p.get("dtype")));
  Generator gen(model);
  std::string prompt = p.get("prompt");
  SamplingParams s = samplingFrom(p);
  if (p.flagSet("chat")) {
    prompt = model->chatTemplate().render({{"user", prompt}});
    for (const auto& stop : model->chatTemplate().stopStrings()) s.stopStrings.push_back(stop);
  }
  std::signal(SIGINT, onSigint);
  streamToStdout(gen, prompt, s);
  return 0;
}

int runChat(const std::vector<std::string>& args) {
  ArgParser p("chat", "Interactive chat with the model's chat template. Empty line or /exit quits; /reset clears.");
  p.option("model", "model folder", std::nullopt, true).option("system", "system prompt", "");
  addSamplingOptions(p);
  if (!p.parse(args)) return 0;
  auto model = loadModelFolder(p.get("model"), DeviceSpec::parse(p.get("device"), p.get("dtype")));
  Generator gen(model);
  SamplingParams s = samplingFrom(p);
  for (const auto& stop : model->chatTemplate().stopStrings()) s.stopStrings.push_back(stop);
  std::vector<ChatMessage> history;
  if (!p.get("system").empty()) history.push_back({"system", p.get("system")});
  std::signal(SIGINT, onSigint);  // Ctrl-C stops the current answer, not the program
  for (std::string line;;) {
    std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line) || line.empty() || line == "/exit") break;
    if (line == "/reset") {
      history.erase(std::remove_if(history.begin(), history.end(), [](auto& m) { return m.role != "system"; }),
                    history.end());
      continue;
    }
    history.push_back({"user", line});
    auto result = streamToStdout(gen, model->chatTemplate().render(history), s);
    history.push_back({"assistant", result.text});
  }
  return 0;
}

int runInit(const std::vector<std::string>& args) {
  ArgParser p("init", "Create a randomly initialised model folder from a preset and a tokenizer.");
  p.option("preset", "mindllm-1.3b, mindllm-3b, small-llama, small-gpt-neo, demo-llama, tiny-llama, tiny-gpt-neo", std::nullopt, true)
      .option("tokenizer", "folder with the tokenizer files", std::nullopt, true)
      .option("out", "output model folder", std::nullopt, true)
      .option("seed", "initialisation seed", "1234")
      .option("chat-template", "chat format name (mindllm, chatml, plain)", "mindllm");
  if (!p.parse(args)) return 0;
  initModelFolder(p.get("out"), p.get("preset"), p.get("tokenizer"), static_cast<uint64_t>(p.getInt64("seed")),
                  p.get("chat-template"));
  std::cout << "wrote " << p.get("out") << "\n";
  return 0;
}

int runConvert(const std::vector<std::string>& args) {
  ArgParser p("convert", "Convert a model folder (pytorch_model.bin or sharded) to a single model.safetensors.");
  p.option("in", "input model folder", std::nullopt, true)
      .option("out", "output model folder", std::nullopt, true)
      .option("dtype", "keep, float32, bfloat16 or float16", "keep");
  if (!p.parse(args)) return 0;
  const std::string in = p.get("in");
  if (fs::exists(p.get("out")) && fs::equivalent(in, p.get("out")))
    throw Error("convert: --out must differ from --in");
  const std::string dtype = p.get("dtype");
  DeviceSpec spec = DeviceSpec::parse("cpu", dtype == "keep" ? "float32" : dtype);
  auto model = loadModelFolder(in, spec);
  if (dtype == "keep") {
    const auto stored = inspectModelFolder(in).dtype;
    model->model()->to(stored == "bfloat16" ? torch::kBFloat16 : stored == "float16" ? torch::kHalf : torch::kFloat);
  }
  auto lm = model->model();
  saveModelFolder(p.get("out"), model->config(), lm, model->tokenizer(), model->chatTemplate());
  std::cout << "wrote " << p.get("out") << "\n";
  return 0;
}

}  // namespace

void registerCoreCommands(CommandRegistry& registry) {
  registry.add({"info", "show a model folder's layout, parameters, vocabulary and dtype", runInfo});
  registry.add({"generate", "continue a prompt, streaming to stdout", runGenerate});
  registry.add({"chat", "interactive chat using the model's chat template", runChat});
  registry.add({"init", "create a randomly initialised model from a preset", runInit});
  registry.add({"convert", "convert a model folder to safetensors", runConvert});
}

}  // namespace mindllm::cli
