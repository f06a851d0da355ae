#pragma once
// One error type for the whole engine. Messages name the file, line, field or tensor at fault,
// so that a user who feeds bad input knows what to fix.
#include <stdexcept>
#include <string>

namespace mindllm {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// "path: message" or "path:line: message" — the compiler-style prefix editors understand.
Error fileError(const std::string& path, const std::string& message);
Error fileError(const std::string& path, long line, const std::string& message);

}  // namespace mindllm
