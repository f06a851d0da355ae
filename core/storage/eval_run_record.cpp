#include "core/storage/eval_run_record.h"

#include "core/util/error.h"

namespace mindllm::storage {

const char* toString(EvalRunState state) {
  switch (state) {
    case EvalRunState::Done: return "done";
    case EvalRunState::Cancelled: return "cancelled";
    case EvalRunState::Failed: return "failed";
  }
  return "failed";
}

EvalRunState parseEvalRunState(const std::string& text) {
  if (text == "done") return EvalRunState::Done;
  if (text == "cancelled") return EvalRunState::Cancelled;
  if (text == "failed") return EvalRunState::Failed;
  throw Error("eval run state: expected done, cancelled or failed, got '" + text + "'");
}

const EvalGroupScore* EvalRun::group(const std::string& kind, const std::string& key) const {
  for (const EvalGroupScore& g : groups)
    if (g.kind == kind && g.key == key) return &g;
  return nullptr;
}

}  // namespace mindllm::storage
