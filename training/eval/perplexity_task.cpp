// Perplexity on plain text: one subject per .txt file. The text is scored from its first token by
// putting the tokenizer's BOS (or EOS, the GPT-2 document separator) in front as context; bits per
// byte are reported too, since perplexities of models with different tokenizers do not compare.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "training/eval/eval_tasks.h"
#include "training/eval/perplexity.h"

namespace fs = std::filesystem;

namespace mindllm::eval {

void runPerplexityTask(const std::shared_ptr<LoadedModel>& model, const EvalRequest& request, EvalReport& report,
                       ProgressTracker& progress, const std::atomic<bool>* cancel) {
  std::vector<std::string> files;
  if (fs::is_directory(request.dataPath)) {
    for (const auto& e : fs::directory_iterator(request.dataPath))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw fileError(request.dataPath, "no .txt files in the folder");
  } else {
    files.push_back(request.dataPath);
  }
  const int64_t modelWindow = model->config().maxPositions;
  const int64_t window = request.context > 0 ? std::min<int64_t>(request.context, modelWindow) : modelWindow;
  const int64_t stride = request.stride > 0 ? std::min<int64_t>(request.stride, window - 1) : std::max<int64_t>(1, window / 2);
  const auto& tok = model->tokenizer();
  const auto start = tok.bosId() ? tok.bosId() : tok.eosId();

  struct Text {
    std::string key;
    std::vector<TokenId> ids;
    size_t bytes = 0;
  };
  std::vector<Text> texts;
  int64_t totalWindows = 0;
  for (const auto& f : files) {
    Text t{fs::path(f).stem().string(), {}, 0};
    const std::string text = readFile(f);
    if (start) t.ids.push_back(*start);
    const auto ids = tok.encode(text);
    t.ids.insert(t.ids.end(), ids.begin(), ids.end());
    // --limit caps the scored tokens (the first id is context only).
    const bool limited = request.limit > 0 && static_cast<int64_t>(t.ids.size()) > request.limit + 1;
    if (limited) t.ids.resize(static_cast<size_t>(request.limit) + 1);
    t.bytes = limited ? tok.decode(std::vector<TokenId>(t.ids.begin() + (start ? 1 : 0), t.ids.end())).size()
                      : text.size();
    if (t.ids.size() < 2) throw fileError(f, "too little text to score (fewer than 2 tokens)");
    totalWindows += slidingWindowCount(static_cast<int64_t>(t.ids.size()), window, stride);
    texts.push_back(std::move(t));
  }
  progress.setTotal(totalWindows);
  report.title = fs::path(request.dataPath).filename().string();
  report.metric = "perplexity";
  report.settings.update({{"window", window},
                          {"stride", stride},
                          {"limit_tokens", request.limit},
                          {"batch_size", request.batchSize},
                          {"context_token", start ? Json(tok.idToToken(*start)) : Json()}});
  Json bitsPerByte = Json::object();
  double totalNll = 0;
  size_t totalBytes = 0;
  for (const auto& t : texts) {
    if (cancelled(cancel)) break;
    const auto sum = slidingWindowNll(*model->model(), t.ids, window, stride, request.batchSize,
                                      [&](int n) { progress.advance(n, t.key); }, cancel);
    GroupScore g;
    g.key = g.name = t.key;
    g.count = sum.tokens;
    g.nll = sum.nll;
    report.itemsDone += sum.windows;
    // Only whole texts count towards bits per byte (a cancelled one is left out).
    if (sum.tokens == static_cast<int64_t>(t.ids.size()) - 1) {
      bitsPerByte[t.key] = sum.nll / std::log(2.0) / static_cast<double>(std::max<size_t>(1, t.bytes));
      totalNll += sum.nll;
      totalBytes += t.bytes;
    }
    report.subjects.push_back(std::move(g));
  }
  if (totalBytes > 0)
    report.secondary["bits_per_byte"] = {{"average", totalNll / std::log(2.0) / static_cast<double>(totalBytes)},
                                         {"percent", false},
                                         {"subjects", bitsPerByte}};
}

}  // namespace mindllm::eval
