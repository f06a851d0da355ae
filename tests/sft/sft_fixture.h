#pragma once
// Shared by the fine-tuning tests: a tiny base model folder (the BPE fixture tokenizer, a tiny
// preset), conversation data from a small grammar written in both formats, and JSON Lines helpers.
#include <exception>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/io/model_folder.h"
#include "core/util/error.h"
#include "core/util/json_file.h"

namespace sftfix {

// The message of the mindllm::Error `f` throws, or "" when it returns normally (other exceptions
// escape: a test of an error contract must not pass on some other failure).
inline std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const mindllm::Error& e) {
    return e.what();
  }
  return "";
}

inline std::string tokenizerDir() { return std::string(MINDLLM_FIXTURES_DIR) + "/tokenizer/bpe"; }
inline std::string domainsDir() { return std::string(MINDLLM_SOURCE_DIR) + "/domains"; }

// A randomly initialised model folder of a tiny preset with the fixture tokenizer.
inline std::string makeBase(const std::string& dir, const std::string& preset = "tiny-llama", uint64_t seed = 5) {
  if (!std::filesystem::exists(dir + "/config.json")) mindllm::initModelFolder(dir, preset, tokenizerDir(), seed);
  return dir;
}

struct Qa {
  std::string question, answer, source;
};

// Questions about an actor and replies that name it: "What did the court do?" -> "The court
// reviewed the appeal." The actor is given by the question. With `mapping` >= 0 the verb and
// object follow from the actor (a reply the model can learn exactly; another mapping is another
// task); with -1 they are drawn at random, plus a case number, so a reply keeps a few nats of
// uncertainty however well the model knows the grammar.
inline std::vector<Qa> grammarQa(size_t n, uint32_t seed, int mapping = -1) {
  const std::vector<std::pair<std::string, std::string>> actors = {
      {"court", "法院"}, {"bank", "银行"}, {"lawyer", "律师"}, {"company", "公司"}, {"judge", "法官"}, {"investor", "投资者"}};
  const std::vector<std::string> verbs = {"reviewed", "approved", "rejected", "signed", "examined", "reported"};
  const std::vector<std::string> objects = {"the loan agreement", "the annual report", "the appeal",
                                            "the bond issue", "the labour contract", "the interest rate"};
  const std::vector<std::string> zhVerbs = {"审查了", "批准了", "驳回了", "签署了"};
  const std::vector<std::string> zhObjects = {"合同", "年报", "上诉", "债券"};
  std::mt19937 rng(seed);
  std::vector<Qa> out;
  for (size_t i = 0; i < n; ++i) {
    const size_t a = rng() % actors.size();
    const bool zh = i % 4 == 3;
    const bool fixed = mapping >= 0;
    const size_t v = fixed ? (a + static_cast<size_t>(mapping)) % verbs.size() : rng() % verbs.size();
    const size_t o = fixed ? (a * 7 + 3 + static_cast<size_t>(mapping) * 5) % objects.size() : rng() % objects.size();
    const std::string number = fixed ? "" : std::to_string(10 + rng() % 90);
    if (zh)
      out.push_back({actors[a].second + "做了什么？",
                     actors[a].second + zhVerbs[v % zhVerbs.size()] + (fixed ? "" : "第" + number + "号") +
                         zhObjects[o % zhObjects.size()] + "。",
                     "zh_grammar"});
    else
      out.push_back({"What did the " + actors[a].first + " do?",
                     "The " + actors[a].first + " " + verbs[v] + " " + objects[o] + (fixed ? "" : " " + number) + ".",
                     "en_grammar"});
  }
  return out;
}

inline void writeLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& l : lines) out << l << "\n";
}

inline std::vector<std::string> alpacaLines(const std::vector<Qa>& qas) {
  std::vector<std::string> lines;
  for (const auto& q : qas)
    lines.push_back(mindllm::Json{{"instruction", q.question}, {"input", ""}, {"output", q.answer}, {"source", q.source}}.dump());
  return lines;
}

inline std::vector<std::string> shareGptLines(const std::vector<Qa>& qas) {
  std::vector<std::string> lines;
  for (const auto& q : qas)
    lines.push_back(mindllm::Json{{"conversations",
                                   {{{"from", "human"}, {"value", q.question}}, {{"from", "gpt"}, {"value", q.answer}}}},
                                  {"source", q.source}}
                        .dump());
  return lines;
}

// Every complete JSON line of a file (a line still being written by another process is skipped).
inline std::vector<mindllm::Json> readJsonLines(const std::string& path) {
  std::vector<mindllm::Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto j = mindllm::Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) out.push_back(std::move(j));
  }
  return out;
}

}  // namespace sftfix
