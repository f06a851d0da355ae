#pragma once
// A small RFC 4180 CSV reader for the benchmark files (C-Eval, CMMLU, MMLU): quoted fields may hold
// commas, doubled quotes and newlines, so each record remembers the line it starts on for errors.
#include <string>
#include <string_view>
#include <vector>

namespace mindllm::eval {

struct CsvRecord {
  long line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Parses CSV text; `path` only names the file in errors ("path:line: unterminated quoted field").
// A UTF-8 byte order mark is skipped, CRLF and LF both end records, blank lines are skipped.
std::vector<CsvRecord> parseCsv(std::string_view text, const std::string& path);
std::vector<CsvRecord> readCsvFile(const std::string& path);

}  // namespace mindllm::eval
