#pragma once
// Device and dtype choice, parsed from "cpu", "cuda", "cuda:1" and "float32", "bf16", "fp16".
#include <string>
#include <vector>

namespace mindllm {

struct DeviceSpec {
  std::string device = "cpu";   // "cpu" or "cuda[:N]"
  std::string dtype = "auto";   // "auto" (fp32 on CPU, bf16 on CUDA), "float32", "bfloat16", "float16"

  static DeviceSpec parse(const std::string& device, const std::string& dtype = "auto");
  std::string resolvedDtype() const;
};

// "cpu" plus one entry per visible CUDA device (empty on CPU-only builds or machines).
std::vector<std::string> availableDevices();

}  // namespace mindllm
