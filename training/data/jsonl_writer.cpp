#include "training/data/jsonl_writer.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/util/error.h"
#include "core/util/json_file.h"

namespace fs = std::filesystem;

namespace mindllm::data {

std::string documentToJsonLine(const Document& doc) {
  Json j;
  j["id"] = doc.id;
  j["text"] = doc.text;
  if (!doc.lang.empty()) j["lang"] = doc.lang;
  if (!doc.source.empty()) j["source"] = doc.source;
  // Invalid UTF-8 would make dump() throw; the cleaner normally fixes it first, this keeps the
  // writer safe when a stage runs on uncleaned text.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

JsonlWriter::JsonlWriter(std::string path) : path_(std::move(path)) {
  const fs::path parent = fs::path(path_).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  tmp_ = path_ + ".tmp-" + std::to_string(::getpid());
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw fileError(path_, "cannot create temporary output " + tmp_);
}

JsonlWriter::~JsonlWriter() {
  if (!committed_) {
    out_.close();
    std::error_code ec;
    fs::remove(tmp_, ec);
  }
}

void JsonlWriter::write(const Document& doc) {
  out_ << documentToJsonLine(doc);
  ++documents_;
}

void JsonlWriter::commit() {
  out_.flush();
  if (!out_) throw fileError(path_, "write failed (disk full?)");
  out_.close();
  std::error_code ec;
  fs::rename(tmp_, path_, ec);
  if (ec) throw fileError(path_, "cannot move output into place: " + ec.message());
  committed_ = true;
}

}  // namespace mindllm::data
