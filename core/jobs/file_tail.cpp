#include "core/jobs/file_tail.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>

namespace mindllm::jobs {

FileTail::FileTail(std::string path, int64_t startWithLastBytes)
    : path_(std::move(path)), startWithLastBytes_(startWithLastBytes) {}

FileTail::Update FileTail::poll(bool wholeLines) {
  Update update;
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    if (seen_ && offset_ > 0) {  // it was there and is gone: whatever comes next is a new file
      update.restarted = true;
      offset_ = 0;
    }
    return update;
  }
  const auto inode = static_cast<uint64_t>(st.st_ino);
  const auto size = static_cast<int64_t>(st.st_size);
  bool skipToLineStart = false;
  if (!seen_) {
    seen_ = true;
    if (startWithLastBytes_ > 0 && size > startWithLastBytes_) {
      offset_ = size - startWithLastBytes_;
      skipToLineStart = true;
    }
  } else if (inode != inode_ || size < offset_) {
    update.restarted = true;
    offset_ = 0;
  }
  inode_ = inode;
  if (size <= offset_) return update;

  std::ifstream in(path_, std::ios::binary);
  if (!in) return update;
  in.seekg(offset_);
  std::string text(static_cast<size_t>(size - offset_), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  size_t begin = 0;
  if (skipToLineStart) {
    const size_t nl = text.find('\n');
    begin = nl == std::string::npos ? text.size() : nl + 1;
  }
  size_t end = text.size();
  if (wholeLines) {
    const size_t lastNl = text.rfind('\n');
    end = lastNl == std::string::npos || lastNl < begin ? begin : lastNl + 1;
  }
  update.text = text.substr(begin, end - begin);
  offset_ += static_cast<int64_t>(end);
  return update;
}

}  // namespace mindllm::jobs
