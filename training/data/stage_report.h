#pragma once
// What a stage did: documents and bytes in, kept, and dropped by reason, plus named counters
// (e.g. PII replacements by kind) and notes (e.g. malformed lines). Printed on the console and
// written as JSON so a run can be audited afterwards.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/util/json_file.h"

namespace mindllm::data {

class StageReport {
public:
  explicit StageReport(std::string stage = "");

  void kept(size_t bytes);
  void dropped(const std::string& reason, size_t bytes);
  void count(const std::string& counter, int64_t n = 1);
  void note(const std::string& message);  // keeps the first 100, counts the rest
  void setSeconds(double seconds) { seconds_ = seconds; }

  const std::string& stage() const { return stage_; }
  int64_t docsIn() const { return docsKept_ + docsDropped(); }
  int64_t docsKept() const { return docsKept_; }
  int64_t docsDropped() const;
  int64_t bytesIn() const { return bytesKept_ + bytesDropped(); }
  int64_t bytesKept() const { return bytesKept_; }
  int64_t bytesDropped() const;
  int64_t droppedFor(const std::string& reason) const;
  int64_t counter(const std::string& name) const;
  const std::vector<std::string>& notes() const { return notes_; }

  Json toJson() const;
  std::string toText() const;

private:
  struct Tally {
    int64_t docs = 0, bytes = 0;
  };
  std::string stage_;
  int64_t docsKept_ = 0, bytesKept_ = 0;
  std::map<std::string, Tally> dropped_;
  std::map<std::string, int64_t> counters_;
  std::vector<std::string> notes_;
  int64_t notesOmitted_ = 0;
  double seconds_ = 0;
};

// Writes {"stages": [...]} to `path` atomically and returns the console text of all reports.
std::string writeReports(const std::string& path, const std::vector<StageReport>& reports);

}  // namespace mindllm::data
