#include "training/data/document_reader.h"

#include <algorithm>
#include <filesystem>

#include "core/util/error.h"
#include "training/data/line_reader.h"

namespace fs = std::filesystem;

namespace mindllm::data {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string withoutGz(const std::string& name) { return endsWith(name, ".gz") ? name.substr(0, name.size() - 3) : name; }

bool isDataFile(const std::string& name) {
  const std::string n = withoutGz(name);
  return endsWith(n, ".jsonl") || endsWith(n, ".json") || endsWith(n, ".txt") || endsWith(n, ".text");
}

std::string stemOf(const std::string& path) {
  std::string name = withoutGz(fs::path(path).filename().string());
  const size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

IngestOptions IngestOptions::fromJson(const Json& j, const std::string& where, const IngestOptions& defaults) {
  IngestOptions base = defaults;
  base.format = optionalField<std::string>(j, "format", base.format, where);
  base.textField = optionalField<std::string>(j, "text_field", base.textField, where);
  base.idField = optionalField<std::string>(j, "id_field", base.idField, where);
  base.textMode = optionalField<std::string>(j, "text_mode", base.textMode, where);
  base.strict = optionalField<bool>(j, "strict", base.strict, where);
  base.source = optionalField<std::string>(j, "source", base.source, where);
  if (base.format != "auto" && base.format != "jsonl" && base.format != "text")
    throw Error(where + ": field 'format' must be auto, jsonl or text, not '" + base.format + "'");
  if (base.textMode != "file" && base.textMode != "paragraph" && base.textMode != "line")
    throw Error(where + ": field 'text_mode' must be file, paragraph or line, not '" + base.textMode + "'");
  return base;
}

std::vector<std::string> listInputFiles(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw fileError(path, "input does not exist");
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file() && isDataFile(entry.path().filename().string())) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());  // deterministic order whatever the file system says
  return files;
}

DocumentReader::DocumentReader(std::vector<InputSpec> inputs, StageReport* report) : report_(report) {
  for (const auto& input : inputs) {
    for (const auto& file : listInputFiles(input.path)) {
      FileEntry e{file, input.options, false};
      const std::string plain = withoutGz(fs::path(file).filename().string());
      e.jsonl = input.options.format == "jsonl" ||
                (input.options.format == "auto" && (endsWith(plain, ".jsonl") || endsWith(plain, ".json")));
      if (e.options.source.empty()) e.options.source = stemOf(input.path);
      totalBytes_ += static_cast<int64_t>(fs::file_size(file));
      files_.push_back(std::move(e));
    }
  }
}

DocumentReader::~DocumentReader() = default;

int64_t DocumentReader::bytesRead() const { return finishedBytes_ + (reader_ ? reader_->compressedOffset() : 0); }

bool DocumentReader::openNext() {
  if (reader_) {
    finishedBytes_ += static_cast<int64_t>(fs::file_size(reader_->path()));
    reader_.reset();
    ++fileIndex_;
  }
  if (fileIndex_ >= files_.size()) return false;
  reader_ = std::make_unique<LineReader>(files_[fileIndex_].path);
  return true;
}

void DocumentReader::malformed(const std::string& message, size_t bytes) {
  const FileEntry& f = files_[fileIndex_];
  if (f.options.strict) throw fileError(f.path, reader_->lineNumber(), message);
  if (report_) {
    report_->note(f.path + ":" + std::to_string(reader_->lineNumber()) + ": " + message + " (skipped)");
    report_->dropped("malformed_line", bytes);
  }
}

bool DocumentReader::readJsonl(Document& doc) {
  const FileEntry& f = files_[fileIndex_];
  while (reader_->next(line_)) {
    if (line_.find_first_not_of(" \t") == std::string::npos) continue;
    Json j;
    try {
      j = Json::parse(line_);
    } catch (const nlohmann::json::parse_error& e) {
      malformed(std::string("invalid JSON: ") + e.what(), line_.size());
      continue;
    }
    if (!j.is_object()) {
      malformed("expected a JSON object", line_.size());
      continue;
    }
    auto text = j.find(f.options.textField);
    if (text == j.end() || !text->is_string()) {
      malformed("missing string field '" + f.options.textField + "'", line_.size());
      continue;
    }
    doc.text = text->get<std::string>();
    auto id = j.find(f.options.idField);
    if (id != j.end() && id->is_string()) {
      doc.id = id->get<std::string>();
    } else if (id != j.end() && id->is_number_integer()) {
      doc.id = std::to_string(id->get<long long>());
    } else {
      doc.id = f.path + ":" + std::to_string(reader_->lineNumber());
    }
    auto lang = j.find("lang");
    doc.lang = lang != j.end() && lang->is_string() ? lang->get<std::string>() : "";
    auto source = j.find("source");
    doc.source = source != j.end() && source->is_string() ? source->get<std::string>() : f.options.source;
    return true;
  }
  return false;
}

bool DocumentReader::readText(Document& doc) {
  const FileEntry& f = files_[fileIndex_];
  doc.text.clear();
  doc.lang.clear();
  doc.source = f.options.source;
  long firstLine = 0;
  while (reader_->next(line_)) {
    const bool blank = line_.find_first_not_of(" \t") == std::string::npos;
    if (f.options.textMode == "line") {
      if (blank) continue;
      doc.text = line_;
      doc.id = f.path + ":" + std::to_string(reader_->lineNumber());
      return true;
    }
    if (f.options.textMode == "paragraph" && blank) {
      if (doc.text.empty()) continue;
      doc.id = f.path + ":" + std::to_string(firstLine);
      return true;
    }
    if (firstLine == 0) firstLine = reader_->lineNumber();
    if (!doc.text.empty() || firstLine != reader_->lineNumber()) doc.text += '\n';
    doc.text += line_;
  }
  if (doc.text.find_first_not_of(" \t\n") == std::string::npos) return false;
  doc.id = f.options.textMode == "file" ? f.path : f.path + ":" + std::to_string(firstLine);
  return true;
}

bool DocumentReader::next(Document& doc) {
  for (;;) {
    if (!reader_ && !openNext()) return false;
    const bool got = files_[fileIndex_].jsonl ? readJsonl(doc) : readText(doc);
    if (got) {
      if (report_) report_->kept(doc.text.size());
      return true;
    }
    if (!openNext()) return false;
  }
}

size_t DocumentReader::nextBatch(std::vector<Document>& batch, size_t max) {
  size_t n = 0;
  Document doc;
  while (n < max && next(doc)) {
    batch.push_back(std::move(doc));
    doc = Document();
    ++n;
  }
  return n;
}

}  // namespace mindllm::data
