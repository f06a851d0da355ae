#pragma once
// Reads what was appended to a file since the last look, like `tail -f`, without keeping it open
// (the writer may replace it). Used for a job's metrics.jsonl and its log while the process runs.
//
// A file that shrank or was replaced (another inode: the trainer rewrites metrics.jsonl
// atomically on resume, dropping lines past its checkpoint) is read again from the start, and
// the update says so. A missing file is an empty update. Never throws.
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm::jobs {

class FileTail {
public:
  // `startWithLastBytes` > 0: the first read starts that far from the end (at a line start), so
  // opening a huge log shows its end quickly. 0: from the beginning.
  explicit FileTail(std::string path, int64_t startWithLastBytes = 0);

  struct Update {
    bool restarted = false;  // the file was replaced or truncated: forget what came before
    std::string text;        // new text; in line mode only whole lines, each ending in '\n'
  };
  // `wholeLines`: hold back a last line without its '\n' (still being written) until it is done.
  Update poll(bool wholeLines);

  const std::string& path() const { return path_; }

private:
  std::string path_;
  int64_t startWithLastBytes_;
  int64_t offset_ = 0;
  uint64_t inode_ = 0;
  bool seen_ = false;
};

}  // namespace mindllm::jobs
