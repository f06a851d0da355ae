#include "training/trainer/train_metrics.h"

#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::train {

double modelFlopsPerToken(const ModelConfig& c, int64_t seqLen) {
  const double h = c.hiddenSize, layers = c.numLayers;
  const double embeddings = static_cast<double>(c.vocabSize) * h +
                            (c.layout == Layout::GptNeo ? static_cast<double>(c.maxPositions) * h : 0.0);
  double matmulParams = static_cast<double>(c.parameterCount()) - embeddings;
  if (c.tieWordEmbeddings) matmulParams += static_cast<double>(c.vocabSize) * h;  // the output projection
  const double attention = 12.0 * layers * static_cast<double>(c.numHeads * c.headDim) * static_cast<double>(seqLen);
  return 6.0 * matmulParams + attention;
}

double peakFlopsPerDevice(double configuredTflops, const std::string& deviceName) {
  if (configuredTflops > 0) return configuredTflops * 1e12;
  // Dense bf16 tensor-core peaks (SXM parts; PCIe H100 is lower: set hardware.peak_tflops).
  if (deviceName.find("H100") != std::string::npos || deviceName.find("H200") != std::string::npos) return 989e12;
  if (deviceName.find("A100") != std::string::npos) return 312e12;
  return 0;
}

int64_t residentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<int64_t>(::sysconf(_SC_PAGESIZE));
}

int64_t availableMemoryBytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  long long value = 0;
  while (meminfo >> key >> value >> unit)
    if (key == "MemAvailable:") return value * 1024;
  return 0;
}

void MetricsLog::open(const std::string& path, int64_t keepThroughStep) {
  fs::create_directories(fs::path(path).parent_path());
  if (keepThroughStep < 0) {
    writeFileAtomic(path, std::string());
  } else if (fs::exists(path)) {
    std::ifstream in(path);
    std::ostringstream kept;
    std::string line;
    while (std::getline(in, line)) {
      const Json j = Json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;  // a line cut short by a crash
      if (j.value("step", int64_t{0}) <= keepThroughStep) kept << line << '\n';
    }
    writeFileAtomic(path, kept.str());
  }
  out_.open(path, std::ios::app);
  if (!out_) throw fileError(path, "cannot open the metrics log for writing");
}

void MetricsLog::write(const Json& record) {
  if (!out_.is_open()) return;
  out_ << record.dump() << '\n';
  out_.flush();
}

}  // namespace mindllm::train
