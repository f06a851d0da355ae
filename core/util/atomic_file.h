#pragma once
// Atomic writes: data goes to a temporary file in the same folder, is flushed to disk, then renamed
// over the target. A crash leaves either the old file or the new one, never half of one.
#include <functional>
#include <iosfwd>
#include <string>

namespace mindllm {

// Writes `bytes` to `path` atomically. Throws Error naming the path on failure.
void writeFileAtomic(const std::string& path, const std::string& bytes);

// Streams into a temporary file through `fill`, then renames it to `path` atomically.
void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& fill);

// Replaces folder `path` by folder `staged` (built beside it): the old folder, if any, is moved
// aside first and removed only after the rename succeeded.
void replaceDirAtomic(const std::string& staged, const std::string& path);

std::string readFile(const std::string& path);

}  // namespace mindllm
