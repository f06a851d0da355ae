#include "training/data/line_reader.h"

#include <zlib.h>

#include "core/util/error.h"

namespace mindllm::data {

LineReader::LineReader(const std::string& path) : path_(path) {
  gz_ = gzopen(path.c_str(), "rb");
  if (!gz_) throw fileError(path, "cannot open for reading");
  gzbuffer(static_cast<gzFile>(gz_), 1 << 20);
}

LineReader::~LineReader() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
}

bool LineReader::fill() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const size_t old = buffer_.size();
  const size_t chunk = 1 << 20;
  buffer_.resize(old + chunk);
  const int n = gzread(static_cast<gzFile>(gz_), buffer_.data() + old, chunk);
  if (n < 0) {
    int code = 0;
    const char* msg = gzerror(static_cast<gzFile>(gz_), &code);
    throw fileError(path_, lineNumber_ + 1, std::string("read error: ") + (msg ? msg : "unknown"));
  }
  buffer_.resize(old + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  return n > 0;
}

bool LineReader::next(std::string& line) {
  for (;;) {
    const size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      break;
    }
    if (!fill()) {
      if (pos_ >= buffer_.size()) return false;
      line.assign(buffer_, pos_, std::string::npos);  // last line without a newline
      pos_ = buffer_.size();
      break;
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ++lineNumber_;
  return true;
}

int64_t LineReader::compressedOffset() const { return gzoffset(static_cast<gzFile>(gz_)); }

}  // namespace mindllm::data
