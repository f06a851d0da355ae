#include "training/data/stage_report.h"

#include <cstdio>

namespace mindllm::data {

StageReport::StageReport(std::string stage) : stage_(std::move(stage)) {}

void StageReport::kept(size_t bytes) {
  ++docsKept_;
  bytesKept_ += static_cast<int64_t>(bytes);
}

void StageReport::dropped(const std::string& reason, size_t bytes) {
  Tally& t = dropped_[reason];
  ++t.docs;
  t.bytes += static_cast<int64_t>(bytes);
}

void StageReport::count(const std::string& counter, int64_t n) { counters_[counter] += n; }

void StageReport::note(const std::string& message) {
  if (notes_.size() < 100) {
    notes_.push_back(message);
  } else {
    ++notesOmitted_;
  }
}

int64_t StageReport::docsDropped() const {
  int64_t n = 0;
  for (const auto& [reason, t] : dropped_) n += t.docs;
  return n;
}

int64_t StageReport::bytesDropped() const {
  int64_t n = 0;
  for (const auto& [reason, t] : dropped_) n += t.bytes;
  return n;
}

int64_t StageReport::droppedFor(const std::string& reason) const {
  auto it = dropped_.find(reason);
  return it == dropped_.end() ? 0 : it->second.docs;
}

int64_t StageReport::counter(const std::string& name) const {
  auto it = counters_.find(name);
  return it == counters_.end() ? 0 : it->second;
}

Json StageReport::toJson() const {
  Json j;
  j["stage"] = stage_;
  j["docs_in"] = docsIn();
  j["docs_kept"] = docsKept_;
  j["docs_dropped"] = docsDropped();
  j["bytes_in"] = bytesIn();
  j["bytes_kept"] = bytesKept_;
  j["bytes_dropped"] = bytesDropped();
  j["seconds"] = seconds_;
  Json reasons = Json::object();
  for (const auto& [reason, t] : dropped_) reasons[reason] = {{"docs", t.docs}, {"bytes", t.bytes}};
  j["dropped_by_reason"] = reasons;
  j["counters"] = counters_.empty() ? Json::object() : Json(counters_);
  j["notes"] = notes_;
  if (notesOmitted_ > 0) j["notes_omitted"] = notesOmitted_;
  return j;
}

std::string StageReport::toText() const {
  char line[256];
  std::string out;
  const double mb = 1024.0 * 1024.0;
  std::snprintf(line, sizeof line, "[%s] docs in %lld, kept %lld, dropped %lld | MB in %.2f, kept %.2f", stage_.c_str(),
                static_cast<long long>(docsIn()), static_cast<long long>(docsKept_),
                static_cast<long long>(docsDropped()), bytesIn() / mb, bytesKept_ / mb);
  out += line;
  if (seconds_ > 0) {
    std::snprintf(line, sizeof line, " | %.2fs, %.1f MB/s", seconds_, bytesIn() / mb / seconds_);
    out += line;
  }
  out += "\n";
  for (const auto& [reason, t] : dropped_) {
    std::snprintf(line, sizeof line, "    dropped %-24s %10lld docs %12lld bytes\n", reason.c_str(),
                  static_cast<long long>(t.docs), static_cast<long long>(t.bytes));
    out += line;
  }
  for (const auto& [name, n] : counters_) {
    std::snprintf(line, sizeof line, "    %-32s %10lld\n", name.c_str(), static_cast<long long>(n));
    out += line;
  }
  for (const auto& n : notes_) out += "    note: " + n + "\n";
  if (notesOmitted_ > 0) out += "    (" + std::to_string(notesOmitted_) + " more notes omitted)\n";
  return out;
}

std::string writeReports(const std::string& path, const std::vector<StageReport>& reports) {
  Json j;
  j["stages"] = Json::array();
  std::string text;
  for (const auto& r : reports) {
    j["stages"].push_back(r.toJson());
    text += r.toText();
  }
  if (!path.empty()) writeJsonFileAtomic(path, j);
  return text;
}

}  // namespace mindllm::data
