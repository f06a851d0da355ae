#pragma once
// Throughput accounting and the metrics log.
//
// Model FLOPs per token follow the PaLM appendix: 6 N (forward + backward through the matmul
// weights, including the output projection even when tied, excluding embedding lookups) plus
// 12 L H T for attention scores and values (full T x T, as is customary, though causal). MFU is
// achieved model FLOP/s over the devices' peak; activation recomputation does not count.
#include <cstdint>
#include <fstream>
#include <string>

#include "core/model/model_config.h"
#include "core/util/json_file.h"

namespace mindllm::train {

double modelFlopsPerToken(const ModelConfig& config, int64_t seqLen);

// Peak dense bf16 FLOP/s of one device: `configuredTflops` when > 0, else a table of known CUDA
// GPUs by name (H100, H200, A100), else 0 (unknown: MFU is not reported).
double peakFlopsPerDevice(double configuredTflops, const std::string& deviceName);

// Resident set size of this process in bytes (0 where /proc is missing).
int64_t residentMemoryBytes();
// Bytes the OS reports as available for new allocations (MemAvailable; 0 when unknown).
int64_t availableMemoryBytes();

// Appends one JSON object per line to <output_dir>/metrics.jsonl, flushed per line, so a crash
// loses at most the line being written.
class MetricsLog {
public:
  MetricsLog() = default;
  // Opens `path` for appending. On resume, lines for steps after `keepThroughStep` (from a run
  // that went on past its last checkpoint) are dropped first, atomically, so the log matches the
  // restored state. keepThroughStep < 0: start a new log.
  void open(const std::string& path, int64_t keepThroughStep);
  void write(const Json& record);
  bool isOpen() const { return out_.is_open(); }

private:
  std::ofstream out_;
};

}  // namespace mindllm::train
