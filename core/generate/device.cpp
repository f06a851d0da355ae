#include "core/generate/device.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace mindllm {

DeviceSpec DeviceSpec::parse(const std::string& device, const std::string& dtype) {
  DeviceSpec s;
  s.device = device.empty() ? "cpu" : device;
  if (s.device != "cpu" && s.device.rfind("cuda", 0) != 0)
    throw Error("unknown device '" + device + "' (use cpu, cuda or cuda:N)");
  static const std::map<std::string, std::string> aliases = {
      {"auto", "auto"},         {"float32", "float32"},   {"fp32", "float32"}, {"f32", "float32"},
      {"bfloat16", "bfloat16"}, {"bf16", "bfloat16"},     {"float16", "float16"}, {"fp16", "float16"},
      {"half", "float16"}};
  auto it = aliases.find(dtype.empty() ? "auto" : dtype);
  if (it == aliases.end()) throw Error("unknown dtype '" + dtype + "' (use auto, float32, bfloat16 or float16)");
  s.dtype = it->second;
  if (s.device.rfind("cuda", 0) == 0 && !torch::cuda::is_available())
    throw Error("device '" + device + "' requested but no CUDA device is available in this build or machine");
  if (s.device == "cpu" && s.dtype == "float16")
    throw Error("float16 is not supported on CPU; use float32 or bfloat16");
  return s;
}

std::string DeviceSpec::resolvedDtype() const {
  if (dtype != "auto") return dtype;
  return device == "cpu" ? "float32" : "bfloat16";
}

std::vector<std::string> availableDevices() {
  std::vector<std::string> out{"cpu"};
  const auto n = torch::cuda::is_available() ? torch::cuda::device_count() : 0;
  for (size_t i = 0; i < n; ++i) out.push_back("cuda:" + std::to_string(i));
  return out;
}

}  // namespace mindllm
