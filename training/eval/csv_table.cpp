#include "training/eval/csv_table.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace mindllm::eval {

std::vector<CsvRecord> parseCsv(std::string_view text, const std::string& path) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  long line = 1;
  bool inRecord = false;  // something (even an empty field) was read on this record
  size_t i = 0;
  auto endField = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
  };
  auto endRecord = [&] {
    if (inRecord) {
      endField();
      records.push_back(std::move(record));
    }
    record = CsvRecord{};
    inRecord = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (!inRecord) record.line = line;
    if (c == '"' && field.empty()) {
      // Quoted field: runs to the next lone quote; "" is a literal quote.
      const long start = line;
      ++i;
      for (;;) {
        if (i >= text.size()) throw fileError(path, start, "unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      inRecord = true;
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        throw fileError(path, line, "unexpected character after a closing quote (a quote inside a field must be doubled)");
      continue;
    }
    if (c == ',') {
      inRecord = true;
      endField();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      endRecord();
      ++line;
    } else {
      inRecord = true;
      field += c;
    }
    ++i;
  }
  endRecord();
  return records;
}

std::vector<CsvRecord> readCsvFile(const std::string& path) { return parseCsv(readFile(path), path); }

}  // namespace mindllm::eval
