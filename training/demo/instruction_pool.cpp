#include "training/demo/instruction_pool.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/demo/assistant_prompts.h"
#include "training/demo/corpus_inputs.h"
#include "training/eval/jsonl_rows.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

// A string field that must be there and not be empty ("path:line: missing required field ...").
std::string nonEmptyField(const Json& record, const std::string& field, const std::string& where) {
  std::string value = requireField<std::string>(record, field, where);
  if (value.empty()) throw Error(where + ": field '" + field + "': expected a non-empty string");
  return value;
}

}  // namespace

std::vector<std::string> demoInstructionFiles(const std::string& corpusDir, const std::string& domainsDir) {
  std::vector<std::string> files = corpusInstructionFiles(corpusDir);
  for (const char* pack : {"law", "finance"}) {
    const fs::path alpaca = fs::path(domainsDir) / pack / "sft_alpaca.jsonl";
    if (fs::exists(alpaca)) files.push_back(alpaca.string());
  }
  return files;
}

InstructionPool poolInstructions(const std::vector<std::string>& files, const std::string& domainsDir,
                                 const std::string& outPath) {
  InstructionPool pool;
  pool.files = files;
  std::set<std::string> seen;
  std::ostringstream out;
  for (const auto& file : files) {
    eval::forEachJsonLine(file, [&](const Json& row, const std::string& where, long) {
      ++pool.records;
      const std::string question =
          nonEmptyField(row, "instruction", where) + "\n" + optionalField<std::string>(row, "input", "", where);
      if (!seen.insert(question).second) {
        ++pool.duplicates;
        return;
      }
      Json record = row;
      const std::string domain = nonEmptyField(record, "domain", where);
      const std::string lang = nonEmptyField(record, "lang", where);
      if (!record.contains("system")) record["system"] = assistantSystemPrompt(domainsDir, domain, lang);
      const std::string source = optionalField<std::string>(record, "source", domain, where);
      pool.bySource[source] = pool.bySource.value(source, 0) + 1;
      out << record.dump() << '\n';
      ++pool.written;
    });
  }
  writeFileAtomic(outPath, out.str());
  return pool;
}

}  // namespace mindllm::demo
