#include "training/demo/demo_summary.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace mindllm::demo {
namespace {

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string grouped(int64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > (n < 0 ? 1 : 0); i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string percent(double v) { return fixed(100 * v, 1) + "%"; }

const Json* stageNamed(const Json& stages, const std::string& name) {
  for (const auto& s : stages)
    if (s.value("stage", "") == name) return &s;
  return nullptr;
}

std::vector<std::string> dataLines(const Json& r) {
  const Json& stages = r.value("stages", Json::array());
  std::vector<std::string> lines;
  const Json* ingest = stageNamed(stages, "ingest");
  const Json* last = stages.empty() ? nullptr : &stages.back();
  if (ingest && last)
    lines.push_back(grouped(ingest->value("docs_in", 0)) + " documents in, " + grouped(last->value("docs_kept", 0)) +
                    " kept");
  std::string dropped;
  for (const char* name : {"clean", "langid", "filter", "dedup"})
    if (const Json* s = stageNamed(stages, name); s && s->value("docs_dropped", 0) > 0)
      dropped += std::string(dropped.empty() ? "dropped: " : ", ") + name + " " + grouped(s->value("docs_dropped", 0));
  if (!dropped.empty()) lines.push_back(dropped);
  if (const Json* dedup = stageNamed(stages, "dedup")) {
    const Json& by = dedup->value("dropped_by_reason", Json::object());
    lines.push_back("duplicates: " + grouped(by.value("exact_duplicate", Json::object()).value("docs", 0)) +
                    " exact, " + grouped(by.value("near_duplicate", Json::object()).value("docs", 0)) + " near");
  }
  if (const Json* pii = stageNamed(stages, "pii")) {
    const Json& counters = pii->value("counters", Json::object());
    int64_t replaced = 0;
    for (const auto& [key, value] : counters.items())
      if (key.rfind("replaced.", 0) == 0) replaced += value.get<int64_t>();
    lines.push_back("PII: " + grouped(replaced) + " items replaced in " + grouped(counters.value("docs_with_pii", 0)) +
                    " documents");
  }
  if (r.contains("planted_copies") && r["planted_copies"].is_object()) {
    const Json& p = r["planted_copies"];
    lines.push_back("planted copies removed: exact " + std::to_string(p["exact_copy"].value("removed", 0)) + "/" +
                    std::to_string(p["exact_copy"].value("in_input", 0)) + ", near " +
                    std::to_string(p["near_copy"].value("removed", 0)) + "/" +
                    std::to_string(p["near_copy"].value("in_input", 0)));
  }
  return lines;
}

std::vector<std::string> tokenizerLines(const Json& r) {
  std::string line = grouped(r.value("vocab_size", 0)) + " pieces from " + grouped(r.value("lines", 0)) + " lines";
  std::string cpt;
  const Json perFile = r.value("chars_per_token", Json::object());
  for (const auto& [file, v] : perFile.items())
    cpt += (cpt.empty() ? "" : ", ") + file + " " + fixed(v.get<double>(), 2);
  std::vector<std::string> lines = {line};
  if (!cpt.empty()) lines.push_back("characters per token: " + cpt);
  return lines;
}

std::vector<std::string> pretokenizeLines(const Json& r) {
  const Json& train = r.value("train", Json::object());
  const Json& val = r.value("val", Json::object());
  return {"train " + grouped(train.value("tokens", 0)) + " tokens (" + grouped(train.value("documents", 0)) +
          " docs), val " + grouped(val.value("tokens", 0)) + " tokens (" + grouped(val.value("documents", 0)) +
          " docs)"};
}

std::vector<std::string> trainingLines(const Json& r) {
  std::vector<std::string> lines;
  std::string head;
  if (r.contains("preset"))
    head = r.value("preset", "") + ", " + fixed(r.value("parameters", 0) / 1e6, 2) + "M parameters, ";
  head += grouped(r.value("steps", 0)) + " steps, " + grouped(r.value("tokens", 0)) + " tokens";
  lines.push_back(head);
  std::string loss = "train loss " + fixed(r.value("first_loss", 0.0), 2) + " -> " + fixed(r.value("last_loss", 0.0), 2);
  if (r.contains("last_val_loss"))
    loss += ", val loss " + fixed(r.value("last_val_loss", 0.0), 3) + " (ppl " + fixed(r.value("last_val_ppl", 0.0), 2) + ")";
  lines.push_back(loss);
  std::string speed;
  if (r.contains("mean_tokens_per_s")) speed = fixed(r.value("mean_tokens_per_s", 0.0), 0) + " tokens/s";
  if (r.value("resumed_from_step", 0) > 0)
    speed += std::string(speed.empty() ? "" : ", ") + "resumed from step " + std::to_string(r.value("resumed_from_step", 0));
  if (!speed.empty()) lines.push_back(speed);
  return lines;
}

std::vector<std::string> selectLines(const Json& r) {
  const Json band = r.value("band", Json::object());
  return {grouped(r.value("selected", 0)) + " of " + grouped(r.value("candidates", 0)) +
              " instruction samples kept (" + grouped(r.value("duplicates_removed", 0)) + " repeated questions merged)",
          "entropy band " + fixed(band.value("low", 0.0), 2) + " - " + fixed(band.value("high", 0.0), 2) +
              " nats/token (" + band.value("given", std::string()) + ")"};
}

std::vector<std::string> evalLines(const Json& r) {
  std::vector<std::string> lines;
  const Json& ppl = r.value("held_out", Json::object()).value("perplexity", Json::object());
  std::string p = "held-out perplexity:";
  for (const char* key : {"untrained", "pretrained", "final"})
    if (ppl.contains(key)) p += std::string(" ") + key + " " + fixed(ppl[key].get<double>(), 2);
  lines.push_back(p);
  const Json domain = r.value("domain", Json::object());
  for (const auto& [task, scores] : domain.items()) {
    std::string line = task + " (" + std::to_string(scores.value("items", 0)) + " items):";
    for (const char* key : {"pretrained", "final"})
      if (scores.contains(key)) line += std::string(" ") + key + " " + percent(scores[key].get<double>());
    lines.push_back(line);
  }
  if (domain.empty()) lines.push_back("no domain evaluation sets found");
  return lines;
}

std::vector<std::string> registerLines(const Json& r) {
  std::vector<std::string> lines = {"-> " + r.value("model_dir", std::string())};
  for (const auto& s : r.value("samples", Json::array())) {
    std::string answer = s.value("answer", std::string());
    for (auto& ch : answer)
      if (ch == '\n') ch = ' ';
    if (answer.size() > 150) {  // cut on a UTF-8 character boundary
      size_t cut = 150;
      while (cut > 0 && (static_cast<unsigned char>(answer[cut]) & 0xC0) == 0x80) --cut;
      answer = answer.substr(0, cut) + "...";
    }
    lines.push_back("Q: " + s.value("question", std::string()));
    lines.push_back("A: " + answer);
  }
  return lines;
}

std::vector<std::string> linesFor(const std::string& stage, const Json& r) {
  if (stage == "data") return dataLines(r);
  if (stage == "tokenizer") return tokenizerLines(r);
  if (stage == "pretokenize") return pretokenizeLines(r);
  if (stage == "pretrain" || stage == "sft") return trainingLines(r);
  if (stage == "select") return selectLines(r);
  if (stage == "eval") return evalLines(r);
  if (stage == "register") return registerLines(r);
  return {};
}

}  // namespace

std::string formatSeconds(double seconds) {
  if (seconds < 60) return fixed(seconds, 1) + " s";
  const auto s = static_cast<int64_t>(std::lround(seconds));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld min %02lld s", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

std::string summaryTable(const Json& report) {
  std::ostringstream out;
  out << "\nMindLLM demo build (" << report.value("recipe", Json::object()).value("name", "") << "): "
      << formatSeconds(report.value("seconds", 0.0)) << " of stage time\n";
  out << "stage        time          result\n";
  for (const auto& s : report.value("stages", Json::array())) {
    const std::string name = s.value("stage", "");
    std::string time = s.contains("seconds") ? formatSeconds(s.value("seconds", 0.0)) : "-";
    const auto lines = linesFor(name, s.value("report", Json::object()));
    char head[64];
    std::snprintf(head, sizeof head, "%-12s %-13s ", name.c_str(), time.c_str());
    out << head << (lines.empty() ? std::string(s.contains("report") ? "" : "not run") : lines[0]) << "\n";
    for (size_t i = 1; i < lines.size(); ++i) out << std::string(27, ' ') << lines[i] << "\n";
  }
  return out.str();
}

}  // namespace mindllm::demo
