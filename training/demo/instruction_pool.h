#pragma once
// The candidate instruction set of a demo build: the corpus's own question/answer files
// (resources/corpus/instructions/, grounded in the corpus text) and the domain packs' sample sets
// (domains/<pack>/sft_alpaca.jsonl, the same ones `mindllm-cli finetune` offers), pooled into one
// Alpaca JSON-lines file. Each record gets the system prompt of its domain's assistant in its
// language, so the model is tuned under the exact prompt the chat app sends. A question asked
// twice (same instruction and input) is kept once, the first time it is seen.
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::demo {

struct InstructionPool {
  std::vector<std::string> files;  // read, in order
  int64_t records = 0, duplicates = 0, written = 0;
  Json bySource = Json::object();  // source -> records written
};

// Writes the pool to `outPath` (atomically). Records need "domain" (a pack of `domainsDir`) and
// "lang" ("zh" or "en"); errors name the file, line and field.
InstructionPool poolInstructions(const std::vector<std::string>& files, const std::string& domainsDir,
                                 const std::string& outPath);

// The corpus's instruction files, then each pack's sft_alpaca.jsonl (law, finance).
std::vector<std::string> demoInstructionFiles(const std::string& corpusDir, const std::string& domainsDir);

}  // namespace mindllm::demo
