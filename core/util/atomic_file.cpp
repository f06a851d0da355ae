#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm {
namespace {

std::string tempNameFor(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid());
}

void fsyncPath(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  const std::string tmp = tempNameFor(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw fileError(path, "cannot create temporary file " + tmp);
    try {
      fill(out);
    } catch (...) {
      out.close();
      fs::remove(tmp);
      throw;
    }
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp);
      throw fileError(path, "write failed (disk full?)");
    }
  }
  fsyncPath(tmp);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp);
    throw fileError(path, "cannot rename temporary file into place: " + ec.message());
  }
  fsyncPath(fs::absolute(path).parent_path().string());
}

void writeFileAtomic(const std::string& path, const std::string& bytes) {
  writeFileAtomic(path, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

void replaceDirAtomic(const std::string& staged, const std::string& path) {
  std::error_code ec;
  const std::string old = path + ".old-" + std::to_string(::getpid());
  const bool hadOld = fs::exists(path);
  if (hadOld) {
    fs::rename(path, old, ec);
    if (ec) throw fileError(path, "cannot move the previous folder aside: " + ec.message());
  }
  fs::rename(staged, path, ec);
  if (ec) {
    if (hadOld) fs::rename(old, path);
    throw fileError(path, "cannot rename " + staged + " into place: " + ec.message());
  }
  if (hadOld) fs::remove_all(old, ec);
  fsyncPath(fs::absolute(path).parent_path().string());
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fileError(path, "cannot open for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace mindllm
