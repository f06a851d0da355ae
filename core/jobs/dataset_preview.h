#pragma once
// A first look at a fine-tuning dataset (JSONL, one sample per line) for the New job dialog: the
// format, the number of samples, and the first few samples as the conversation turns they become.
// Every line is checked for the shape of its format, so a malformed line is reported at once with
// its number; the training command's --check stays the final word (tokenizer, lengths, config).
//
// Formats (as the fine-tuning commands read them, docs/JOBS.md):
//   alpaca:   {"instruction": str, "input": str (optional), "output": str, "system": str (optional)}
//   sharegpt: {"conversations": [{"from": "system"|"human"|"gpt", "value": str}, ...]}, or the
//             OpenAI form {"messages": [{"role": "system"|"user"|"assistant", "content": str}, ...]}
// A .gz file is not previewed (compressed = true); the command's --check reads it.
#include <cstdint>
#include <string>
#include <vector>

namespace mindllm::jobs {

struct PreviewTurn {
  std::string role;  // system | user | assistant
  std::string text;
};

struct PreviewSample {
  int64_t line = 0;  // 1-based line number in the file
  std::vector<PreviewTurn> turns;
};

struct DatasetPreview {
  std::string format;  // alpaca | sharegpt (what "auto" found)
  int64_t samples = 0; // non-empty lines; -1 when not read (compressed)
  bool compressed = false;
  std::vector<PreviewSample> first;
};

// `format`: auto | alpaca | sharegpt. Throws Error "<path>:<line>: <what>" for the first bad line
// (e.g. `data.jsonl:17: field "output" missing`), "<path>: ..." when the file cannot be read or
// holds no sample.
DatasetPreview previewDataset(const std::string& path, const std::string& format, int maxSamples = 3);

}  // namespace mindllm::jobs
