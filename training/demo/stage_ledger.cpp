#include "training/demo/stage_ledger.h"

#include <ctime>
#include <filesystem>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::demo {

StageLedger::StageLedger(std::string dir) : dir_(std::move(dir)) { fs::create_directories(dir_); }

std::string StageLedger::pathOf(const std::string& stage) const { return dir_ + "/" + stage + ".json"; }

bool StageLedger::done(const std::string& stage) const { return fs::exists(pathOf(stage)); }

Json StageLedger::record(const std::string& stage) const {
  const std::string path = pathOf(stage);
  if (!fs::exists(path)) throw fileError(path, "stage '" + stage + "' has not finished");
  Json marker = readJsonFile(path);
  if (!marker.is_object() || !marker.contains("report"))
    throw fileError(path, "damaged stage marker (no \"report\"); delete it to rerun the stage");
  return marker;
}

void StageLedger::markDone(const std::string& stage, double seconds, const Json& report) {
  writeJsonFileAtomic(pathOf(stage),
                      {{"stage", stage}, {"seconds", seconds}, {"finished_at", utcTimestamp()}, {"report", report}});
}

std::string utcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mindllm::demo
