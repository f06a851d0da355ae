#pragma once
// The conversation the crash writer streams, shared with the crash test so the test knows the
// exact text every message must have. Round k: a question, then an answer of kPieces pieces.
#include <string>

namespace crash_script {

inline constexpr int kPieces = 400;
inline constexpr int kPieceDelayMicros = 1500;  // ~0.6 s per answer: several flushes per answer

inline std::string question(int round) { return "问题 " + std::to_string(round) + ": what does clause " + std::to_string(round) + " mean?"; }

inline std::string piece(int round, int index) {
  return "第" + std::to_string(round) + "轮片段" + std::to_string(index) + " token; ";
}

inline std::string answerPrefix(int round, int pieces) {
  std::string text;
  for (int i = 0; i < pieces; ++i) text += piece(round, i);
  return text;
}

}  // namespace crash_script
