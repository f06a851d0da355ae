#pragma once
// Writes Documents as JSON lines ({"id","text","lang","source"}) into a temporary file beside the
// target, renamed into place by commit(). A failed or interrupted run leaves no half-written output.
#include <fstream>
#include <string>

#include "training/data/document.h"

namespace mindllm::data {

class JsonlWriter {
public:
  explicit JsonlWriter(std::string path);
  ~JsonlWriter();  // removes the temporary file unless committed
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  void write(const Document& doc);
  void commit();
  const std::string& path() const { return path_; }
  int64_t documents() const { return documents_; }

private:
  std::string path_, tmp_;
  std::ofstream out_;
  int64_t documents_ = 0;
  bool committed_ = false;
};

std::string documentToJsonLine(const Document& doc);

}  // namespace mindllm::data
