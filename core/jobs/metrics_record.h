#pragma once
// One line of a fine-tuning run's <output_dir>/metrics.jsonl (the contract in docs/JOBS.md):
//   {"type":"start","step":S,"max_steps":N,"train_samples":..,"val_samples":..,"method":..}  at every (re)start
//   {"type":"train","step":..,"loss":..,"lr":..,"tokens":..}
//   {"type":"val","step":..,"val_loss":..,"val_ppl":..}
//   {"type":"done","model_dir":"<output_dir>/final"}
#include <cstdint>
#include <optional>
#include <string>

namespace mindllm::jobs {

struct MetricsRecord {
  enum class Type { Start, Train, Val, Done, Other };
  Type type = Type::Other;
  int64_t step = 0;
  int64_t maxSteps = 0;      // start
  int64_t trainSamples = 0;  // start
  int64_t valSamples = 0;    // start
  std::string method;        // start
  double loss = 0;           // train
  double lr = 0;             // train
  int64_t tokens = 0;        // train
  double valLoss = 0;        // val
  double valPpl = 0;         // val
  std::string modelDir;      // done
};

// Parses one line. nullopt for a line that is not a JSON object with a string "type" (the
// caller counts those; a reader must survive a log it does not fully understand). Unknown types
// are Type::Other, so newer trainers can add records.
std::optional<MetricsRecord> parseMetricsLine(const std::string& line);

}  // namespace mindllm::jobs
