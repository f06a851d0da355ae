#pragma once
// Shared by the tokenizer tests: where the Hugging Face fixture lives and how to read it.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <string>
#include <vector>

#include "core/tokenizer/tokenizer.h"
#include "core/util/json_file.h"

namespace tokfix {

inline std::string dir() { return std::string(MINDLLM_FIXTURES_DIR) + "/tokenizer"; }
inline std::string bpeDir() { return dir() + "/bpe"; }

struct Case {
  std::string text;
  std::vector<mindllm::TokenId> ids;
  std::vector<std::string> tokens;
  std::vector<std::string> pretokens;
  std::string decoded;
  std::string decodedSkipSpecial;
};

inline mindllm::Json expected() { return mindllm::readJsonFile(dir() + "/expected.json"); }

inline std::vector<Case> cases() {
  std::vector<Case> out;
  const mindllm::Json all = expected();
  for (const auto& c : all["cases"])
    out.push_back({c["text"].get<std::string>(), c["ids"].get<std::vector<mindllm::TokenId>>(),
                   c["tokens"].get<std::vector<std::string>>(), c["pretokens"].get<std::vector<std::string>>(),
                   c["decoded"].get<std::string>(), c["decoded_skip_special"].get<std::string>()});
  return out;
}

// Copies the named fixture files into `to`.
inline void copyBpeFiles(const std::string& to, const std::vector<std::string>& names) {
  for (const auto& n : names)
    std::filesystem::copy_file(bpeDir() + "/" + n, to + "/" + n, std::filesystem::copy_options::overwrite_existing);
}

inline void writeText(const std::string& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "wb");
  QVERIFY(f);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

}  // namespace tokfix

// Readable failure output for id lists and strings.
namespace QTest {
template <>
inline char* toString(const std::vector<mindllm::TokenId>& ids) {
  QByteArray s = "[";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + QByteArray::number(ids[i]);
  return qstrdup(s + "]");
}
template <>
inline char* toString(const std::string& s) {
  QByteArray out = "\"";
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F)
      out += "\\x" + QByteArray::number(c, 16).rightJustified(2, '0');
    else
      out += static_cast<char>(c);
  }
  return qstrdup(out + "\"");
}
}  // namespace QTest
