#include "training/cli/input_options.h"

#include "core/util/error.h"

namespace mindllm::cli {

void addInputOptions(ArgParser& p) {
  p.option("input", "input file or folder: .jsonl, .txt, or either .gz (repeatable)", std::nullopt, true)
      .option("text-field", "JSONL field holding the text", "text")
      .option("format", "auto (by extension), jsonl or text", "auto")
      .option("text-mode", "plain text: file (one document), paragraph or line", "file")
      .flag("strict", "fail on a malformed input line instead of reporting and skipping it");
}

std::vector<data::InputSpec> inputsFrom(const ArgParser& p) {
  Json j = {{"text_field", p.get("text-field")},
            {"format", p.get("format")},
            {"text_mode", p.get("text-mode")},
            {"strict", p.flagSet("strict")}};
  const data::IngestOptions options = data::IngestOptions::fromJson(j, "command line");
  std::vector<data::InputSpec> inputs;
  for (const auto& path : p.getAll("input")) inputs.push_back({path, options});
  return inputs;
}

}  // namespace mindllm::cli
