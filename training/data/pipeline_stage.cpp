#include "training/data/pipeline_stage.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

namespace mindllm::data {
namespace {

class CleanStage : public PipelineStage {
public:
  explicit CleanStage(const CleanOptions& o) : cleaner_(o) {}
  std::string name() const override { return "clean"; }
  void process(std::vector<Document>& batch, std::vector<std::string>& reasons, WorkerPool& pool) override {
    pool.parallelFor(batch.size(), [&](size_t i) {
      const size_t before = batch[i].text.size();
      batch[i].text = cleaner_.clean(batch[i].text);
      if (batch[i].text.empty()) reasons[i] = "empty_after_clean";
      if (batch[i].text.size() != before) changed_.fetch_add(1, std::memory_order_relaxed);
    });
  }
  void addCounters(StageReport& r) const override { r.count("docs_changed", changed_.load()); }

private:
  TextCleaner cleaner_;
  std::atomic<int64_t> changed_{0};
};

class LanguageStage : public PipelineStage {
public:
  LanguageStage(const LanguageIdOptions& o, std::vector<std::string> drop) : options_(o), drop_(std::move(drop)) {}
  std::string name() const override { return "langid"; }
  void process(std::vector<Document>& batch, std::vector<std::string>& reasons, WorkerPool& pool) override {
    pool.parallelFor(batch.size(), [&](size_t i) { batch[i].lang = identifyLanguage(batch[i].text, options_); });
    for (size_t i = 0; i < batch.size(); ++i) {
      ++counts_["lang." + batch[i].lang];
      if (std::find(drop_.begin(), drop_.end(), batch[i].lang) != drop_.end()) reasons[i] = "language_" + batch[i].lang;
    }
  }
  void addCounters(StageReport& r) const override {
    for (const auto& [k, v] : counts_) r.count(k, v);
  }

private:
  LanguageIdOptions options_;
  std::vector<std::string> drop_;
  std::map<std::string, int64_t> counts_;
};

class FilterStage : public PipelineStage {
public:
  explicit FilterStage(const QualityOptions& o) : filter_(o) {}
  std::string name() const override { return "filter"; }
  void process(std::vector<Document>& batch, std::vector<std::string>& reasons, WorkerPool& pool) override {
    pool.parallelFor(batch.size(), [&](size_t i) {
      if (batch[i].lang.empty()) batch[i].lang = identifyLanguage(batch[i].text);
      reasons[i] = filter_.check(batch[i].text, batch[i].lang);
    });
  }

private:
  QualityFilter filter_;
};

class PiiStage : public PipelineStage {
public:
  std::string name() const override { return "pii"; }
  void process(std::vector<Document>& batch, std::vector<std::string>&, WorkerPool& pool) override {
    pool.parallelFor(batch.size(), [&](size_t i) {
      PiiCounts counts;
      batch[i].text = scrubber_.scrub(batch[i].text, &counts);
      for (int k = 0; k < kPiiKinds; ++k)
        if (counts.found[static_cast<size_t>(k)]) found_[k].fetch_add(counts.found[static_cast<size_t>(k)]);
      if (counts.total() > 0) docsChanged_.fetch_add(1);
    });
  }
  void addCounters(StageReport& r) const override {
    for (int k = 0; k < kPiiKinds; ++k) r.count(std::string("replaced.") + piiName(static_cast<PiiKind>(k)), found_[k]);
    r.count("docs_with_pii", docsChanged_.load());
  }

private:
  PiiScrubber scrubber_;
  std::atomic<int64_t> found_[kPiiKinds] = {};
  std::atomic<int64_t> docsChanged_{0};
};

class DedupStage : public PipelineStage {
public:
  explicit DedupStage(const DedupOptions& o) : dedup_(o), near_(o.near) {}
  std::string name() const override { return "dedup"; }
  void process(std::vector<Document>& batch, std::vector<std::string>& reasons, WorkerPool& pool) override {
    std::vector<MinHashSignature> sigs(batch.size());
    if (near_) pool.parallelFor(batch.size(), [&](size_t i) { sigs[i] = dedup_.hasher().signature(batch[i].text); });
    for (size_t i = 0; i < batch.size(); ++i) reasons[i] = dedup_.admit(batch[i].text, sigs[i]);
  }
  void addCounters(StageReport& r) const override {
    r.count("signatures_held", static_cast<int64_t>(dedup_.signaturesHeld()));
    r.count("index_memory_bytes", static_cast<int64_t>(dedup_.memoryBytes()));
  }

private:
  Deduplicator dedup_;
  bool near_;
};

}  // namespace

std::unique_ptr<PipelineStage> makeCleanStage(const CleanOptions& o) { return std::make_unique<CleanStage>(o); }
std::unique_ptr<PipelineStage> makeLanguageStage(const LanguageIdOptions& o, std::vector<std::string> drop) {
  return std::make_unique<LanguageStage>(o, std::move(drop));
}
std::unique_ptr<PipelineStage> makeFilterStage(const QualityOptions& o) { return std::make_unique<FilterStage>(o); }
std::unique_ptr<PipelineStage> makePiiStage() { return std::make_unique<PiiStage>(); }
std::unique_ptr<PipelineStage> makeDedupStage(const DedupOptions& o) { return std::make_unique<DedupStage>(o); }

}  // namespace mindllm::data
