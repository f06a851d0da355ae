#pragma once
// Reads a file line by line through zlib, so plain and gzip-compressed files read the same way
// (gzread passes uncompressed files through untouched).
#include <cstdint>
#include <string>

namespace mindllm::data {

class LineReader {
public:
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Next line without its '\n' (and without a trailing '\r'); false at end of file.
  bool next(std::string& line);
  long lineNumber() const { return lineNumber_; }
  int64_t compressedOffset() const;  // bytes of the file consumed so far, for progress
  const std::string& path() const { return path_; }

private:
  bool fill();
  std::string path_;
  void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of the header
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  long lineNumber_ = 0;
};

}  // namespace mindllm::data
