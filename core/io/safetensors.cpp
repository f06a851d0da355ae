#include "core/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace mindllm {

torch::ScalarType safetensorsDtype(const std::string& name) {
  static const std::map<std::string, torch::ScalarType> table = {
      {"F64", torch::kDouble}, {"F32", torch::kFloat},  {"F16", torch::kHalf}, {"BF16", torch::kBFloat16},
      {"I64", torch::kLong},   {"I32", torch::kInt},    {"I16", torch::kShort}, {"I8", torch::kChar},
      {"U8", torch::kByte},    {"BOOL", torch::kBool}};
  auto it = table.find(name);
  if (it == table.end()) throw Error("unsupported safetensors dtype '" + name + "'");
  return it->second;
}

std::string safetensorsDtypeName(torch::ScalarType type) {
  switch (type) {
    case torch::kDouble: return "F64";
    case torch::kFloat: return "F32";
    case torch::kHalf: return "F16";
    case torch::kBFloat16: return "BF16";
    case torch::kLong: return "I64";
    case torch::kInt: return "I32";
    case torch::kShort: return "I16";
    case torch::kChar: return "I8";
    case torch::kByte: return "U8";
    case torch::kBool: return "BOOL";
    default: throw Error(std::string("cannot store dtype ") + c10::toString(type) + " in safetensors");
  }
}

namespace {

// A read-only file mapping shared by the tensors that view it.
struct Mapping {
  void* data = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (data && data != MAP_FAILED) ::munmap(data, size);
  }
};

std::shared_ptr<Mapping> mapFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw fileError(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  ::fstat(fd, &st);
  auto m = std::make_shared<Mapping>();
  m->size = static_cast<size_t>(st.st_size);
  if (m->size > 0) {
    m->data = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m->data == MAP_FAILED) {
      ::close(fd);
      throw fileError(path, std::string("cannot map: ") + std::strerror(errno));
    }
  }
  ::close(fd);
  return m;
}

struct Entry {
  std::string name;
  torch::ScalarType dtype;
  std::vector<int64_t> shape;
  uint64_t begin, end;
};

std::vector<Entry> parseHeader(const Json& header, uint64_t dataSize, const std::string& path) {
  std::vector<Entry> entries;
  for (const auto& [name, info] : header.items()) {
    if (name == "__metadata__") continue;
    const std::string where = path + ": tensor '" + name + "'";
    if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets"))
      throw Error(where + ": header entry needs dtype, shape and data_offsets");
    Entry e{name, torch::kFloat, {}, 0, 0};
    try {
      e.dtype = safetensorsDtype(info["dtype"].get<std::string>());
      e.shape = info["shape"].get<std::vector<int64_t>>();
      const auto offsets = info["data_offsets"].get<std::vector<uint64_t>>();
      if (offsets.size() != 2) throw Error("data_offsets must have two entries");
      e.begin = offsets[0];
      e.end = offsets[1];
    } catch (const nlohmann::json::exception& ex) {
      throw Error(where + ": malformed header entry (" + ex.what() + ")");
    } catch (const Error& ex) {
      throw Error(where + ": " + ex.what());
    }
    uint64_t numel = 1;
    for (int64_t d : e.shape) {
      if (d < 0) throw Error(where + ": negative dimension in shape");
      numel *= static_cast<uint64_t>(d);
    }
    const uint64_t bytes = numel * c10::elementSize(e.dtype);
    if (e.end < e.begin || e.end - e.begin != bytes)
      throw Error(where + ": data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) + ") hold " +
                  std::to_string(e.end - e.begin) + " bytes but dtype and shape need " + std::to_string(bytes));
    if (e.end > dataSize)
      throw Error(where + ": data_offsets end at byte " + std::to_string(e.end) + " but the file holds only " +
                  std::to_string(dataSize) + " bytes of data (truncated file?)");
    entries.push_back(std::move(e));
  }
  // The format requires the tensors to tile the data region without overlap.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
  for (size_t i = 1; i < entries.size(); ++i)
    if (entries[i].begin < entries[i - 1].end)
      throw Error(path + ": tensors '" + entries[i - 1].name + "' and '" + entries[i].name + "' overlap in the file");
  return entries;
}

}  // namespace

TensorMap readSafetensors(const std::string& path) {
  auto mapping = mapFile(path);
  const auto* base = static_cast<const uint8_t*>(mapping->data);
  if (mapping->size < 8) throw fileError(path, "too short to be a safetensors file (" + std::to_string(mapping->size) + " bytes)");
  uint64_t headerLen = 0;
  std::memcpy(&headerLen, base, 8);  // little-endian host assumed (x86-64, aarch64)
  if (headerLen > mapping->size - 8 || headerLen > (100u << 20))
    throw fileError(path, "header length " + std::to_string(headerLen) + " exceeds the file size " +
                              std::to_string(mapping->size) + " (truncated or not a safetensors file)");
  Json header;
  try {
    header = Json::parse(reinterpret_cast<const char*>(base + 8), reinterpret_cast<const char*>(base + 8 + headerLen));
  } catch (const nlohmann::json::exception& e) {
    throw fileError(path, std::string("header is not valid JSON: ") + e.what());
  }
  if (!header.is_object()) throw fileError(path, "header is not a JSON object");
  const uint64_t dataStart = 8 + headerLen, dataSize = mapping->size - dataStart;
  TensorMap out;
  for (const auto& e : parseHeader(header, dataSize, path)) {
    const uint8_t* ptr = base + dataStart + e.begin;
    torch::Tensor t;
    if (reinterpret_cast<uintptr_t>(ptr) % c10::elementSize(e.dtype) == 0) {
      // View the mapping; the deleter keeps it alive as long as the tensor lives.
      auto keep = mapping;
      t = torch::from_blob(const_cast<uint8_t*>(ptr), e.shape, [keep](void*) {}, torch::TensorOptions().dtype(e.dtype));
    } else {
      t = torch::empty(e.shape, torch::TensorOptions().dtype(e.dtype));
      std::memcpy(t.data_ptr(), ptr, e.end - e.begin);
    }
    out.emplace(e.name, t);
  }
  return out;
}

void writeSafetensors(const std::string& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  Json header = Json::object();
  Json meta = Json::object();
  meta["format"] = "pt";
  for (const auto& [k, v] : metadata) meta[k] = v;
  header["__metadata__"] = meta;
  std::vector<torch::Tensor> data;
  uint64_t offset = 0;
  for (const auto& nt : tensors) {
    auto t = nt.tensor.detach().to(torch::kCPU).contiguous();
    const uint64_t bytes = static_cast<uint64_t>(t.numel()) * t.element_size();
    header[nt.name] = {{"dtype", safetensorsDtypeName(t.scalar_type())},
                       {"shape", t.sizes().vec()},
                       {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
    data.push_back(t);
  }
  std::string headerText = header.dump();
  while ((8 + headerText.size()) % 8 != 0) headerText += ' ';  // keep tensor data 8-byte aligned
  writeFileAtomic(path, [&](std::ostream& out) {
    const uint64_t len = headerText.size();
    out.write(reinterpret_cast<const char*>(&len), 8);
    out.write(headerText.data(), static_cast<std::streamsize>(headerText.size()));
    for (const auto& t : data)
      out.write(static_cast<const char*>(t.data_ptr()), static_cast<std::streamsize>(t.numel() * t.element_size()));
  });
}

}  // namespace mindllm
