#include "training/demo/instruction_pool.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/demo/assistant_prompts.h"
#include "training/demo/corpus_inputs.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

std::string stringField(const Json& record, const char* field, const std::string& where) {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_string() || it->get<std::string>().empty())
    throw Error(where + ": field \"" + field + "\": expected a non-empty string");
  return it->get<std::string>();
}

Json parseRecord(const std::string& line, const std::string& where) {
  try {
    Json record = Json::parse(line);
    if (!record.is_object()) throw Error(where + ": expected a JSON object");
    return record;
  } catch (const Json::parse_error& e) {
    throw Error(where + ": not valid JSON (" + std::string(e.what()) + ")");
  }
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
    std::ifstream in(file);
    if (!in) throw fileError(file, "cannot be read");
    std::string line;
    for (long number = 1; std::getline(in, line); ++number) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = file + ":" + std::to_string(number);
      Json record = parseRecord(line, where);
      ++pool.records;
      const std::string question = stringField(record, "instruction", where) + "\n" + record.value("input", "");
      if (!seen.insert(question).second) {
        ++pool.duplicates;
        continue;
      }
      const std::string domain = stringField(record, "domain", where);
      const std::string lang = stringField(record, "lang", where);
      if (!record.contains("system")) record["system"] = assistantSystemPrompt(domainsDir, domain, lang);
      const std::string source = record.value("source", domain);
      pool.bySource[source] = pool.bySource.value(source, 0) + 1;
      out << record.dump() << '\n';
      ++pool.written;
    }
  }
  writeFileAtomic(outPath, out.str());
  return pool;
}

}  // namespace mindllm::demo
