#pragma once
// Holds back generated text that might be the start of a stop string, and finds a completed one.
// E.g. with stop string "<user>", text ending in "<us" is held until the next piece decides.
#include <string>
#include <vector>

namespace mindllm {

class StopStringMatcher {
public:
  explicit StopStringMatcher(std::vector<std::string> stops);

  // Adds a decoded piece. Returns the text that is now safe to show. Sets `stopped` when a stop
  // string completed (the stop string and anything after it are dropped).
  std::string push(const std::string& piece, bool& stopped);
  // Text still held back at the end of generation.
  std::string flush();

private:
  std::vector<std::string> stops_;
  std::string held_;
};

}  // namespace mindllm
