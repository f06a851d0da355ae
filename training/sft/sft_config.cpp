#include "training/sft/sft_config.h"

#include <algorithm>
#include <filesystem>

#include "core/model/model_config.h"
#include "core/util/error.h"
#include "training/sft/domain_pack.h"

namespace fs = std::filesystem;

namespace mindllm::sft {
namespace {

// The job-manager contract's flat names and the run config fields they stand for.
const std::vector<std::pair<std::string, std::string>>& flatNames() {
  static const std::vector<std::pair<std::string, std::string>> names = {
      {"init_from", "model.init_from"},       {"tokenizer_dir", "model.tokenizer"},
      {"chat_template", "model.chat_template"}, {"seq_len", "data.seq_len"},
      {"micro_batch", "batch.micro_batch"},   {"grad_accum", "batch.grad_accum"},
      {"lr", "optimizer.lr"},                 {"min_lr", "optimizer.min_lr"},
      {"weight_decay", "optimizer.weight_decay"}, {"grad_clip", "optimizer.grad_clip"},
      {"max_steps", "schedule.max_steps"},    {"warmup_steps", "schedule.warmup_steps"},
      {"decay_steps", "schedule.decay_steps"}, {"eval_every", "eval.every"},
      {"eval_batches", "eval.batches"},       {"log_every", "log.every"},
      {"checkpoint_every", "checkpoint.every"}, {"keep_checkpoints", "checkpoint.keep"},
      {"resume", "checkpoint.resume"}};
  return names;
}

std::vector<std::string> splitDotted(const std::string& dotted) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

const Json* findDotted(const Json& j, const std::string& dotted) {
  const Json* cur = &j;
  for (const auto& part : splitDotted(dotted)) {
    if (!cur->is_object() || !cur->contains(part)) return nullptr;
    cur = &(*cur)[part];
  }
  return cur;
}

void setDotted(Json& j, const std::string& dotted, const Json& value) {
  Json* cur = &j;
  for (const auto& part : splitDotted(dotted)) cur = &(*cur)[part];
  *cur = value;
}

std::string canonicalKey(const std::string& key) {
  for (const auto& [flat, nested] : flatNames())
    if (key == flat) return nested;
  return key;
}

struct Override {
  std::string key, text;
  Json value() const {
    Json v = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    return v.is_discarded() ? Json(text) : v;
  }
};

Override parseOverride(const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) throw Error("--set '" + assignment + "': expected key=value");
  return {canonicalKey(assignment.substr(0, eq)), assignment.substr(eq + 1)};
}

std::string absolutePath(const std::string& path, const std::string& baseDir) {
  if (path.empty()) return path;
  fs::path p(path);
  if (p.is_relative()) p = fs::path(baseDir) / p;
  return p.lexically_normal().string();
}

// The run config as the user gave it, flat names moved to their nested fields.
Json nestFlatNames(const Json& user, const std::string& where) {
  if (!user.is_object()) throw fileError(where, "expected a JSON object");
  Json out = user;
  for (const auto& [flat, nested] : flatNames()) {
    auto it = out.find(flat);
    if (it == out.end()) continue;
    if (findDotted(out, nested)) throw fileError(where, "give either '" + flat + "' or '" + nested + "', not both");
    const Json value = *it;
    out.erase(flat);
    setDotted(out, nested, value);
  }
  return out;
}

// The first-given value of a field: the last --set for it, else the file's, else null.
Json givenValue(const Json& user, const std::vector<Override>& overrides, const std::string& dotted) {
  for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
    if (it->key == dotted) return it->value();
  const Json* v = findDotted(user, dotted);
  return v ? *v : Json();
}

Error bad(const std::string& where, const std::string& field, const std::string& expected, const Json& got) {
  return fileError(where, "field '" + field + "': expected " + expected + ", got " + got.dump());
}

SftOptions readSftOptions(const Json& s, const std::string& where, const std::string& baseDir) {
  SftOptions o;
  o.trainFile = absolutePath(s["train_file"].get<std::string>(), baseDir);
  o.valFile = absolutePath(s["val_file"].get<std::string>(), baseDir);
  o.format = parseDatasetFormat(s["format"].get<std::string>(), where + ": field 'sft.format'");
  o.valFraction = s["val_fraction"].get<double>();
  if (!(o.valFraction >= 0 && o.valFraction <= 0.5)) throw bad(where, "sft.val_fraction", "a number in [0, 0.5]", s["val_fraction"]);
  o.pack = s["pack"].get<bool>();
  o.systemPrompt = s["system_prompt"].get<std::string>();
  o.domain = s["domain"].get<std::string>();
  o.method = s["method"].get<std::string>();
  if (o.method != "full" && o.method != "lora") throw bad(where, "sft.method", "\"full\" or \"lora\"", s["method"]);
  const Json& l = s["lora"];
  if (!l["rank"].is_number_integer() || l["rank"].get<int64_t>() < 1)
    throw bad(where, "sft.lora.rank", "an integer >= 1", l["rank"]);
  o.lora.rank = l["rank"].get<int64_t>();
  o.lora.alpha = l["alpha"].get<double>();
  if (!(o.lora.alpha > 0)) throw bad(where, "sft.lora.alpha", "a positive number", l["alpha"]);
  o.lora.dropout = l["dropout"].get<double>();
  if (!(o.lora.dropout >= 0 && o.lora.dropout < 1)) throw bad(where, "sft.lora.dropout", "a number in [0, 1)", l["dropout"]);
  if (l["targets"].empty() || !std::all_of(l["targets"].begin(), l["targets"].end(), [](const Json& t) { return t.is_string(); }))
    throw bad(where, "sft.lora.targets", "a non-empty list of projection names", l["targets"]);
  o.lora.targets = l["targets"].get<std::vector<std::string>>();
  o.epochs = s["epochs"].get<double>();
  if (!(o.epochs >= 0)) throw bad(where, "sft.epochs", "a number >= 0", s["epochs"]);

  o.prompts.fixed = o.systemPrompt;
  if (!o.domain.empty()) {
    const DomainPack pack = loadDomainPack(o.domain, where + ": field 'sft.domain'");
    o.prompts.zh = pack.systemPrompt.zh;
    o.prompts.en = pack.systemPrompt.en;
    if (o.trainFile.empty()) o.trainFile = pack.alpacaFile;
  }
  if (o.trainFile.empty())
    throw fileError(where, "field 'sft.train_file': a training file is required (Alpaca or ShareGPT JSON Lines)");
  return o;
}

}  // namespace

Json sftDefaults(const std::string& method) {
  Json d = Json::parse(R"({
    "train_file": "", "val_file": "", "format": "auto", "val_fraction": 0.05, "pack": true,
    "system_prompt": "", "domain": "", "method": "full",
    "lora": {"rank": 8, "alpha": 16, "dropout": 0.05, "targets": ["q_proj", "k_proj", "v_proj", "o_proj"]},
    "epochs": 0
  })");
  d["method"] = method;
  return d;
}

SftJob loadSftJob(const std::string& path, const std::vector<std::string>& overrides, const std::string& defaultMethod) {
  const Json user = readJsonFile(path);
  return sftJobFromJson(user, path, fs::absolute(path).parent_path().string(), overrides, defaultMethod);
}

SftJob sftJobFromJson(const Json& json, const std::string& where, const std::string& baseDir,
                      const std::vector<std::string>& overrideList, const std::string& defaultMethod) {
  Json user = nestFlatNames(json, where);
  std::vector<Override> overrides, sftOverrides;
  std::vector<std::string> runOverrides;
  for (const auto& o : overrideList) {
    Override parsed = parseOverride(o);
    if (parsed.key.rfind("sft.", 0) == 0) {
      sftOverrides.push_back(parsed);
    } else {
      overrides.push_back(parsed);
      runOverrides.push_back(parsed.key + "=" + parsed.text);
    }
  }

  // The "sft" object: merged over its defaults with the run config's checks.
  Json sft = sftDefaults(defaultMethod);
  if (user.contains("sft")) {
    train::mergeConfigInto(sft, user["sft"], "sft", where);
    user.erase("sft");
  }
  for (const auto& o : sftOverrides) {
    Json patch = o.value();
    const auto parts = splitDotted(o.key);
    for (auto it = parts.rbegin(); it != std::prev(parts.rend()); ++it) patch = Json{{*it, patch}};
    train::mergeConfigInto(sft, patch, "sft", "--set " + o.key);
  }
  const std::string method = sft["method"].is_string() ? sft["method"].get<std::string>() : defaultMethod;

  // Fine-tuning starts from a model folder.
  for (const char* field : {"model.preset", "model.config"}) {
    const Json v = givenValue(user, overrides, field);
    if (!v.is_null() && !(v.is_string() && v.get<std::string>().empty()))
      throw fileError(where, std::string("field '") + field +
                                 "': sft and finetune start from a model folder ('init_from'), not a preset or config");
  }
  const Json init = givenValue(user, overrides, "model.init_from");
  if (!init.is_string() || init.get<std::string>().empty())
    throw fileError(where, "field 'init_from': sft and finetune need the Hugging Face model folder to start from");
  const std::string initFrom = absolutePath(init.get<std::string>(), baseDir);

  // Defaults that differ from pretraining (only where the job gives no value).
  auto given = [&](const std::string& dotted) { return !givenValue(user, overrides, dotted).is_null(); };
  const fs::path baseConfig = fs::path(initFrom) / "config.json";
  if (!given("data.seq_len") && fs::exists(baseConfig))
    setDotted(user, "data.seq_len", std::min<int64_t>(1024, ModelConfig::fromFile(baseConfig.string()).maxPositions));
  if (!given("model.chat_template")) {
    const fs::path tc = fs::path(initFrom) / "tokenizer_config.json";
    std::string name = "mindllm";
    if (fs::exists(tc)) name = optionalField<std::string>(readJsonFile(tc.string()), "mindllm_chat_template", name, tc.string());
    setDotted(user, "model.chat_template", name);
  }
  if (!given("optimizer.lr")) setDotted(user, "optimizer.lr", method == "lora" ? 2e-4 : 2e-5);
  if (!given("optimizer.min_lr")) {
    const Json lr = givenValue(user, overrides, "optimizer.lr");
    if (lr.is_number()) setDotted(user, "optimizer.min_lr", lr.get<double>() / 10);
  }
  if (!given("optimizer.weight_decay")) setDotted(user, "optimizer.weight_decay", 0.0);
  if (!given("eval.every")) setDotted(user, "eval.every", 100);

  SftJob job;
  job.run = train::RunConfig::fromJson(user, where, baseDir, runOverrides);
  job.sft = readSftOptions(sft, where, baseDir);
  job.sft.evalBatchesGiven = given("eval.batches");
  sft["train_file"] = job.sft.trainFile;
  sft["val_file"] = job.sft.valFile;
  job.resolved = job.run.resolved;
  job.resolved["sft"] = sft;
  return job;
}

}  // namespace mindllm::sft
