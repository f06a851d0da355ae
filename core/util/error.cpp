#include "core/util/error.h"

namespace mindllm {

Error fileError(const std::string& path, const std::string& message) {
  return Error(path + ": " + message);
}

Error fileError(const std::string& path, long line, const std::string& message) {
  return Error(path + ":" + std::to_string(line) + ": " + message);
}

}  // namespace mindllm
