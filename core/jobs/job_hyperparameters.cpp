#include "core/jobs/job_hyperparameters.h"

#include <algorithm>

#include "core/util/error.h"

namespace mindllm::jobs {
namespace {

struct FieldReader {
  const Json& json;
  const std::string& where;

  const Json* find(const std::string& key) const {
    auto it = json.find(key);
    return it == json.end() || it->is_null() ? nullptr : &*it;
  }
  Error bad(const std::string& key, const std::string& expected) const {
    return Error(where + ": field '" + key + "': expected " + expected);
  }
  void integer(const std::string& key, int64_t& out, int64_t min, int64_t max) const {
    const Json* v = find(key);
    if (!v) return;
    if (!v->is_number_integer() || v->get<int64_t>() < min || v->get<int64_t>() > max)
      throw bad(key, "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    out = v->get<int64_t>();
  }
  void number(const std::string& key, double& out, double minExclusive, double max) const {
    const Json* v = find(key);
    if (!v) return;
    if (!v->is_number() || !(v->get<double>() > minExclusive && v->get<double>() <= max))
      throw bad(key, "a number in (" + Json(minExclusive).dump() + ", " + Json(max).dump() + "]");
    out = v->get<double>();
  }
  void fraction(const std::string& key, double& out) const {  // [0, 1): dropout, validation share
    const Json* v = find(key);
    if (!v) return;
    if (!v->is_number() || v->get<double>() < 0 || v->get<double>() >= 1) throw bad(key, "a number in [0, 1)");
    out = v->get<double>();
  }
  void text(const std::string& key, std::string& out, const std::vector<std::string>& allowed = {}) const {
    const Json* v = find(key);
    if (!v) return;
    if (!v->is_string()) throw bad(key, "a string");
    const std::string s = v->get<std::string>();
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
      throw bad(key, "one of " + list);
    }
    out = s;
  }
  void boolean(const std::string& key, bool& out) const {
    const Json* v = find(key);
    if (!v) return;
    if (!v->is_boolean()) throw bad(key, "true or false");
    out = v->get<bool>();
  }
};

}  // namespace

Json JobHyperparameters::toJson() const {
  return Json{{"epochs", epochs},
              {"max_steps", maxSteps},
              {"lr", lr},
              {"micro_batch", microBatch},
              {"grad_accum", gradAccum},
              {"seq_len", seqLen},
              {"warmup_steps", warmupSteps},
              {"eval_every", evalEvery},
              {"checkpoint_every", checkpointEvery},
              {"log_every", logEvery},
              {"seed", seed},
              {"lora", {{"rank", lora.rank}, {"alpha", lora.alpha}, {"dropout", lora.dropout}, {"targets", lora.targets}}},
              {"format", format},
              {"val_fraction", valFraction},
              {"pack", pack},
              {"system_prompt", systemPrompt},
              {"domain", domain}};
}

JobHyperparameters JobHyperparameters::fromJson(const Json& json, const std::string& where) {
  if (!json.is_object()) throw Error(where + ": expected a JSON object");
  JobHyperparameters h;
  const FieldReader r{json, where};
  r.integer("epochs", h.epochs, 0, 1000);
  r.integer("max_steps", h.maxSteps, 1, 100'000'000);
  r.number("lr", h.lr, 0, 1);
  r.integer("micro_batch", h.microBatch, 1, 4096);
  r.integer("grad_accum", h.gradAccum, 1, 4096);
  r.integer("seq_len", h.seqLen, 8, 1 << 20);
  r.integer("warmup_steps", h.warmupSteps, 0, 100'000'000);
  r.integer("eval_every", h.evalEvery, 0, 100'000'000);
  r.integer("checkpoint_every", h.checkpointEvery, 0, 100'000'000);
  r.integer("log_every", h.logEvery, 1, 1'000'000);
  int64_t seed = static_cast<int64_t>(h.seed);
  r.integer("seed", seed, 0, INT64_MAX);
  h.seed = static_cast<uint64_t>(seed);
  if (const Json* lora = r.find("lora")) {
    if (!lora->is_object()) throw r.bad("lora", "an object");
    const std::string loraWhere = where + ": lora";
    const FieldReader l{*lora, loraWhere};
    l.integer("rank", h.lora.rank, 1, 4096);
    l.number("alpha", h.lora.alpha, 0, 1e6);
    l.fraction("dropout", h.lora.dropout);
    if (const Json* t = l.find("targets")) {
      if (!t->is_array() || t->empty()) throw l.bad("targets", "a non-empty list of module names");
      h.lora.targets.clear();
      for (const Json& name : *t) {
        if (!name.is_string() || name.get<std::string>().empty()) throw l.bad("targets", "a non-empty list of module names");
        h.lora.targets.push_back(name.get<std::string>());
      }
    }
  }
  r.text("format", h.format, {"auto", "alpaca", "sharegpt"});
  r.fraction("val_fraction", h.valFraction);
  if (h.valFraction > 0.5) throw r.bad("val_fraction", "a number in [0, 0.5]");
  r.boolean("pack", h.pack);
  r.text("system_prompt", h.systemPrompt);
  r.text("domain", h.domain, {"", "law", "finance"});
  return h;
}

JobHyperparameters defaultHyperparameters(int64_t parameterCount, int64_t contextLength, const std::string& method) {
  JobHyperparameters h;
  const bool lora = method != "full";
  const int64_t millions = parameterCount / 1'000'000;
  // Tokens per optimizer step stay near 16 sequences; bigger models take smaller micro-batches
  // (memory) and more accumulation.
  if (millions < 200) {
    h.microBatch = 8;
    h.gradAccum = 2;
    h.lr = lora ? 5e-4 : 1e-4;
    h.lora.rank = 8;
  } else if (millions < 2000) {  // MindLLM-1.3B
    h.microBatch = 4;
    h.gradAccum = 4;
    h.lr = lora ? 2e-4 : 2e-5;
    h.lora.rank = 16;
  } else {  // MindLLM-3B and up
    h.microBatch = 2;
    h.gradAccum = 8;
    h.lr = lora ? 1e-4 : 1e-5;
    h.lora.rank = 16;
  }
  h.lora.alpha = 2.0 * static_cast<double>(h.lora.rank);
  h.epochs = lora ? 3 : 2;
  const int64_t window = contextLength > 0 ? contextLength : 1024;
  h.seqLen = std::min<int64_t>(window, millions < 200 ? 512 : 1024);
  return h;
}

}  // namespace mindllm::jobs
