#pragma once
// The ingest stage: turns JSONL files, plain text files, folders of them and their .gz forms into
// a stream of Documents. A malformed line is reported as "file:line: why" and skipped, or fails
// the run when `strict` is set; everything else is passed on.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/util/json_file.h"
#include "training/data/document.h"
#include "training/data/stage_report.h"

namespace mindllm::data {

struct IngestOptions {
  std::string format = "auto";     // "auto" (by extension), "jsonl" or "text"
  std::string textField = "text";  // JSONL field holding the text
  std::string idField = "id";      // optional JSONL field with a document id
  std::string textMode = "file";   // plain text: "file" (one doc), "paragraph" (blank lines), "line"
  bool strict = false;             // a malformed line fails the run instead of being skipped
  std::string source;              // source name for mixing; default: the input's file stem

  // Fields missing from `j` keep their value in `base`.
  static IngestOptions fromJson(const Json& j, const std::string& where, const IngestOptions& base);
  static IngestOptions fromJson(const Json& j, const std::string& where) { return fromJson(j, where, IngestOptions()); }
};

struct InputSpec {
  std::string path;  // a file or a folder (searched recursively, in sorted order)
  IngestOptions options;
};

class LineReader;

class DocumentReader {
public:
  DocumentReader(std::vector<InputSpec> inputs, StageReport* report);
  ~DocumentReader();

  bool next(Document& doc);
  // Appends up to `max` documents; returns how many.
  size_t nextBatch(std::vector<Document>& batch, size_t max);

  int64_t totalBytes() const { return totalBytes_; }
  int64_t bytesRead() const;

private:
  struct FileEntry {
    std::string path;
    IngestOptions options;
    bool jsonl;
  };
  bool openNext();
  bool readJsonl(Document& doc);
  bool readText(Document& doc);
  void malformed(const std::string& message, size_t bytes);

  std::vector<FileEntry> files_;
  size_t fileIndex_ = 0;
  std::unique_ptr<LineReader> reader_;
  StageReport* report_;
  int64_t totalBytes_ = 0, finishedBytes_ = 0;
  std::string line_;
};

// Expands folders into the sorted list of data files they contain.
std::vector<std::string> listInputFiles(const std::string& path);

}  // namespace mindllm::data
