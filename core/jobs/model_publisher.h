#pragma once
// Makes a finished job's model a chat model: <output_dir>/final moves to
// <fine-tuned root>/<job name>, where the app's model list finds it. The folder appears whole or
// not at all: a rename on the same file system, else a copy into a hidden staging folder that is
// renamed into place (the model list skips hidden folders).
#include <string>

namespace mindllm::jobs {

// Returns the new folder: <root>/<name>, or <root>/<name>-2, -3, ... when that name is taken.
// Throws Error naming the folder when `finalDir` is not a model folder (no config.json) or the
// move fails; `finalDir` is then left as it was.
std::string publishModel(const std::string& finalDir, const std::string& fineTunedRoot, const std::string& name);

}  // namespace mindllm::jobs
