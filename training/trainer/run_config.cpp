#include "training/trainer/run_config.h"

#include <filesystem>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace mindllm::train {
namespace {

const char* typeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}

bool sameKind(const Json& fallback, const Json& value) {
  if (fallback.is_null()) return true;  // optional object fields (model.config)
  if (fallback.is_number()) return value.is_number();
  return fallback.type() == value.type();
}

}  // namespace

void mergeConfigInto(Json& base, const Json& user, const std::string& prefix, const std::string& where) {
  if (!user.is_object()) throw fileError(where, "expected a JSON object" + (prefix.empty() ? "" : " at '" + prefix + "'"));
  for (const auto& [key, value] : user.items()) {
    const std::string field = prefix.empty() ? key : prefix + "." + key;
    auto it = base.find(key);
    if (it == base.end()) throw fileError(where, "unknown field '" + field + "' (see docs/TRAINING.md)");
    if (!sameKind(*it, value))
      throw fileError(where, "field '" + field + "': expected " + typeName(*it) + ", got " + typeName(value));
    if (it->is_object() && !value.is_null())
      mergeConfigInto(*it, value, field, where);
    else
      *it = value;
  }
}

namespace {

const Json& at(const Json& j, const std::string& dotted) {
  const Json* cur = &j;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    cur = &cur->at(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return *cur;
    start = dot + 1;
  }
}

struct Reader {
  const Json& json;
  const std::string& where;

  Error bad(const std::string& field, const std::string& expected) const {
    return fileError(where, "field '" + field + "': expected " + expected + ", got " + at(json, field).dump());
  }
  int64_t integer(const std::string& field, int64_t min) const {
    const Json& v = at(json, field);
    if (!v.is_number_integer() || v.get<int64_t>() < min) throw bad(field, "an integer >= " + std::to_string(min));
    return v.get<int64_t>();
  }
  double number(const std::string& field, double min, double max) const {
    const Json& v = at(json, field);
    if (!v.is_number() || !(v.get<double>() >= min && v.get<double>() <= max))
      throw bad(field, "a number in [" + Json(min).dump() + ", " + Json(max).dump() + "]");
    return v.get<double>();
  }
  std::string oneOf(const std::string& field, const std::vector<std::string>& allowed) const {
    const std::string v = at(json, field).get<std::string>();
    for (const auto& a : allowed)
      if (v == a) return v;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw bad(field, "one of " + list);
  }
};

std::string absolutePath(const std::string& path, const std::string& baseDir) {
  if (path.empty()) return path;
  fs::path p(path);
  if (p.is_relative()) p = fs::path(baseDir) / p;
  return p.lexically_normal().string();
}

std::vector<DataSource> readSources(Json& list, const std::string& field, const std::string& where,
                                    const std::string& baseDir) {
  std::vector<DataSource> out;
  for (size_t i = 0; i < list.size(); ++i) {
    Json& item = list[i];
    const std::string name = field + "[" + std::to_string(i) + "]";
    DataSource s;
    if (item.is_string()) {
      s.path = item.get<std::string>();
    } else if (item.is_object()) {
      for (const auto& [key, value] : item.items())
        if (key != "path" && key != "weight") throw fileError(where, "unknown field '" + name + "." + key + "'");
      s.path = requireField<std::string>(item, "path", where + ": " + name);
      s.weight = optionalField<double>(item, "weight", 1.0, where + ": " + name);
      if (!(s.weight > 0)) throw fileError(where, "field '" + name + ".weight': expected a positive number");
    } else {
      throw fileError(where, "field '" + name + "': expected a shard folder path or {\"path\", \"weight\"}");
    }
    s.path = absolutePath(s.path, baseDir);
    item = Json{{"path", s.path}, {"weight", s.weight}};
    out.push_back(s);
  }
  return out;
}

}  // namespace

Json RunConfig::defaults() {
  return Json::parse(R"({
    "output_dir": "",
    "seed": 1234,
    "device": "auto",
    "precision": "auto",
    "model": {"preset": "", "config": null, "init_from": "", "tokenizer": "", "chat_template": "mindllm",
              "activation_checkpointing": false},
    "data": {"train": [], "val": [], "seq_len": 1024, "shuffle": true},
    "batch": {"micro_batch": 8, "grad_accum": 1},
    "optimizer": {"lr": 3e-4, "min_lr": 3e-5, "betas": [0.9, 0.95], "eps": 1e-8, "weight_decay": 0.1,
                  "grad_clip": 1.0},
    "schedule": {"max_steps": 1000, "warmup_steps": 100, "decay_steps": 0},
    "eval": {"every": 0, "batches": 8},
    "log": {"every": 10},
    "checkpoint": {"every": 0, "keep": 3, "resume": "auto"},
    "distributed": {"backend": "auto", "zero1": false, "bucket_mb": 25, "timeout_s": 600},
    "hardware": {"peak_tflops": 0}
  })");
}

void applyOverride(Json& json, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) throw Error("--set '" + assignment + "': expected key=value");
  const std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  const Json defaults = RunConfig::defaults();
  try {
    (void)at(defaults, key);
  } catch (const std::exception&) {
    throw Error("--set '" + assignment + "': unknown field '" + key + "' (see docs/TRAINING.md)");
  }
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) value = text;
  // Build the nested object and merge it, so the override gets the same checks as the file.
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  Json patch = value;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) patch = Json{{*it, patch}};
  mergeConfigInto(json, patch, "", "--set " + key);
}

RunConfig RunConfig::load(const std::string& path, const std::vector<std::string>& overrides) {
  const Json user = readJsonFile(path);
  const std::string baseDir = fs::absolute(path).parent_path().string();
  return fromJson(user, path, baseDir, overrides);
}

RunConfig RunConfig::fromJson(const Json& user, const std::string& where, const std::string& baseDir,
                              const std::vector<std::string>& overrides) {
  RunConfig c;
  c.where = where;
  Json j = defaults();
  mergeConfigInto(j, user, "", where);
  for (const auto& o : overrides) applyOverride(j, o);
  const Reader r{j, where};

  c.outputDir = absolutePath(j["output_dir"].get<std::string>(), baseDir);
  j["output_dir"] = c.outputDir;
  c.seed = static_cast<uint64_t>(r.integer("seed", 0));
  c.device = j["device"].get<std::string>();
  if (c.device != "auto" && c.device != "cpu" && c.device.rfind("cuda", 0) != 0)
    throw r.bad("device", "auto, cpu, cuda or cuda:N");
  c.precision = r.oneOf("precision", {"auto", "fp32", "bf16"});

  Json& model = j["model"];
  c.modelPreset = model["preset"].get<std::string>();
  c.modelConfig = model["config"];
  if (!c.modelConfig.is_null() && !c.modelConfig.is_object())
    throw r.bad("model.config", "a Hugging Face config object");
  c.initFrom = absolutePath(model["init_from"].get<std::string>(), baseDir);
  model["init_from"] = c.initFrom;
  const int shapes = int(!c.modelPreset.empty()) + int(!c.modelConfig.is_null()) + int(!c.initFrom.empty());
  if (shapes != 1)
    throw fileError(where, "model: give exactly one of 'model.preset', 'model.config' and 'model.init_from'");
  // A model folder brings its tokenizer; otherwise one is required.
  c.tokenizerDir = absolutePath(model["tokenizer"].get<std::string>(), baseDir);
  if (c.tokenizerDir.empty()) c.tokenizerDir = c.initFrom;
  model["tokenizer"] = c.tokenizerDir;
  if (c.tokenizerDir.empty()) throw fileError(where, "field 'model.tokenizer': a tokenizer folder is required");
  c.chatTemplate = model["chat_template"].get<std::string>();
  c.activationCheckpointing = model["activation_checkpointing"].get<bool>();

  c.train = readSources(j["data"]["train"], "data.train", where, baseDir);
  c.val = readSources(j["data"]["val"], "data.val", where, baseDir);
  c.seqLen = r.integer("data.seq_len", 1);
  c.shuffle = j["data"]["shuffle"].get<bool>();

  c.microBatch = r.integer("batch.micro_batch", 1);
  c.gradAccum = r.integer("batch.grad_accum", 1);

  c.lr = r.number("optimizer.lr", 0, 10);
  c.minLr = r.number("optimizer.min_lr", 0, c.lr);
  const Json& betas = j["optimizer"]["betas"];
  if (betas.size() != 2 || !betas[0].is_number() || !betas[1].is_number() || betas[0].get<double>() < 0 ||
      betas[0].get<double>() >= 1 || betas[1].get<double>() < 0 || betas[1].get<double>() >= 1)
    throw r.bad("optimizer.betas", "two numbers in [0, 1)");
  c.beta1 = betas[0].get<double>();
  c.beta2 = betas[1].get<double>();
  c.eps = r.number("optimizer.eps", 0, 1);
  c.weightDecay = r.number("optimizer.weight_decay", 0, 10);
  c.gradClip = r.number("optimizer.grad_clip", 0, 1e9);  // 0 = no clipping

  c.maxSteps = r.integer("schedule.max_steps", 1);
  c.warmupSteps = r.integer("schedule.warmup_steps", 0);
  c.decaySteps = r.integer("schedule.decay_steps", 0);
  if (c.decaySteps > 0 && c.decaySteps < c.warmupSteps)
    throw r.bad("schedule.decay_steps", "0 or at least schedule.warmup_steps");

  c.evalEvery = r.integer("eval.every", 0);
  c.evalBatches = r.integer("eval.batches", 1);
  c.logEvery = r.integer("log.every", 1);
  c.checkpointEvery = r.integer("checkpoint.every", 0);
  c.keepLast = r.integer("checkpoint.keep", 1);
  c.resume = j["checkpoint"]["resume"].get<std::string>();
  if (c.resume != "auto" && c.resume != "none") {
    c.resume = absolutePath(c.resume, baseDir);
    j["checkpoint"]["resume"] = c.resume;
  }

  c.backend = r.oneOf("distributed.backend", {"auto", "gloo", "nccl"});
  c.zero1 = j["distributed"]["zero1"].get<bool>();
  c.bucketMb = r.number("distributed.bucket_mb", 0.001, 1e6);
  c.timeoutSeconds = r.number("distributed.timeout_s", 1, 1e6);
  c.peakTflops = r.number("hardware.peak_tflops", 0, 1e9);
  c.resolved = std::move(j);
  return c;
}

}  // namespace mindllm::train
