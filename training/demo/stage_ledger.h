#pragma once
// Which stages of a demo build are finished. A stage's marker (<stages>/<name>.json: seconds,
// finish time and the stage's report) is written atomically only after the stage's outputs are
// in place, so after an interruption a rerun skips exactly the stages whose results exist.
#include <string>

#include "core/util/json_file.h"

namespace mindllm::demo {

class StageLedger {
public:
  explicit StageLedger(std::string dir);

  bool done(const std::string& stage) const;
  // The marker's content: {"stage", "seconds", "finished_at", "report"}. Throws Error naming the
  // file when the stage is not done or its marker is damaged.
  Json record(const std::string& stage) const;
  void markDone(const std::string& stage, double seconds, const Json& report);

private:
  std::string pathOf(const std::string& stage) const;
  std::string dir_;
};

// The current time as "2024-05-01T10:00:00Z".
std::string utcTimestamp();

}  // namespace mindllm::demo
