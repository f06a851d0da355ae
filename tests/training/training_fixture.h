#pragma once
// Shared by the trainer tests: a tiny bilingual corpus tokenized with the byte-level BPE fixture
// into real token shards, and a run config for the tiny Llama preset that trains in seconds.
#include <QtTest>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/tokenizer/tokenizer.h"
#include "core/util/json_file.h"
#include "training/data/shard_format.h"
#include "training/data/shard_writer.h"

namespace trainfix {

inline std::string tokenizerDir() { return std::string(MINDLLM_FIXTURES_DIR) + "/tokenizer/bpe"; }

// Sentences from a small grammar: learnable structure, so the loss falls quickly and far.
inline std::vector<std::string> corpus(size_t documents, uint32_t seed = 7) {
  const std::vector<std::string> subjects = {"The court", "The bank", "A lawyer", "The company", "The judge",
                                             "An investor", "The contract", "The regulator"};
  const std::vector<std::string> verbs = {"reviewed", "approved", "rejected", "signed", "examined", "reported"};
  const std::vector<std::string> objects = {"the loan agreement", "the annual report", "the appeal",
                                            "the bond issue", "the labour contract", "the interest rate"};
  const std::vector<std::string> zh = {"法院审理了本案。", "银行提高了利率。", "公司发布了年度报告。",
                                       "合同双方签署了协议。"};
  std::mt19937 rng(seed);
  std::vector<std::string> docs;
  for (size_t d = 0; d < documents; ++d) {
    std::string text;
    const int sentences = 3 + static_cast<int>(rng() % 5);
    for (int s = 0; s < sentences; ++s) {
      text += subjects[rng() % subjects.size()] + " " + verbs[rng() % verbs.size()] + " " +
              objects[rng() % objects.size()] + ". ";
      if (rng() % 3 == 0) text += zh[rng() % zh.size()];
    }
    docs.push_back(text);
  }
  return docs;
}

// Writes shards of `documents` documents to `dir` (every 8th document to "val"). `hashOverride`
// pretends another tokenizer made them.
inline void writeShards(const std::string& dir, size_t documents = 240, uint64_t hashOverride = 0,
                        uint64_t shardTokens = 6000) {
  std::shared_ptr<mindllm::Tokenizer> tok = mindllm::loadTokenizer(tokenizerDir());
  mindllm::data::TokenizerInfo info;
  info.encode = [tok](std::string_view text) { return tok->encode(text); };
  info.vocabSize = tok->vocabSize();
  info.eosId = *tok->eosId();
  info.hash = hashOverride ? hashOverride : mindllm::data::hashTokenizerFolder(tokenizerDir());
  info.name = tokenizerDir();
  mindllm::data::PretokenizeOptions o;
  o.shardTokens = shardTokens;  // several shard files, so windows come from more than one
  mindllm::data::ShardSetWriter writer(dir, info, o);
  const auto docs = corpus(documents);
  for (size_t i = 0; i < docs.size(); ++i) writer.add(i % 8 == 7 ? "val" : "train", tok->encode(docs[i]));
  writer.finish();
}

// A config that trains tiny-llama (64 wide, 2 layers) on the shards in a few seconds.
inline mindllm::Json tinyConfig(const std::string& shards, const std::string& output) {
  return mindllm::Json{
      {"output_dir", output},
      {"seed", 11},
      {"device", "cpu"},
      {"model", {{"preset", "tiny-llama"}, {"tokenizer", tokenizerDir()}}},
      {"data", {{"train", {shards}}, {"seq_len", 32}}},
      {"batch", {{"micro_batch", 4}, {"grad_accum", 2}}},
      {"optimizer", {{"lr", 3e-3}, {"min_lr", 3e-4}, {"weight_decay", 0.1}, {"grad_clip", 1.0}}},
      {"schedule", {{"max_steps", 12}, {"warmup_steps", 3}, {"decay_steps", 200}}},
      {"eval", {{"every", 0}, {"batches", 2}}},
      {"log", {{"every", 1}}},
      {"checkpoint", {{"every", 0}, {"keep", 2}}},
  };
}

inline void writeJson(const std::string& path, const mindllm::Json& j) {
  std::ofstream(path) << j.dump(2);
}

// Losses by step from a metrics.jsonl ("train" lines), in file order.
inline std::vector<std::pair<int64_t, double>> losses(const std::string& metricsPath) {
  std::vector<std::pair<int64_t, double>> out;
  std::ifstream in(metricsPath);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = mindllm::Json::parse(line, nullptr, /*allow_exceptions=*/false);  // a line being written
    if (!j.is_discarded() && j.value("type", "") == "train") out.emplace_back(j["step"].get<int64_t>(), j["loss"].get<double>());
  }
  return out;
}

// A TCP port that was free a moment ago (for a loopback TCPStore).
inline int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 29500 + static_cast<int>(::getpid() % 1000);
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace trainfix
