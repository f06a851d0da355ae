#pragma once
// A pipeline stage works on a batch of documents: it may edit them and marks the ones it drops
// with a reason. Per-document work runs on the worker pool; a stage that needs a global view
// (dedup) does its parallel part first and decides sequentially, in input order.
#include <memory>
#include <string>
#include <vector>

#include "training/data/deduplicator.h"
#include "training/data/document.h"
#include "training/data/language_id.h"
#include "training/data/pii_scrubber.h"
#include "training/data/quality_filter.h"
#include "training/data/stage_report.h"
#include "training/data/text_cleaner.h"
#include "training/data/worker_pool.h"

namespace mindllm::data {

class PipelineStage {
public:
  virtual ~PipelineStage() = default;
  virtual std::string name() const = 0;
  // reasons has batch.size() entries, all empty on entry; a non-empty entry drops the document.
  virtual void process(std::vector<Document>& batch, std::vector<std::string>& reasons, WorkerPool& pool) = 0;
  // Adds stage-specific counters to the report at the end of the run.
  virtual void addCounters(StageReport&) const {}
};

std::unique_ptr<PipelineStage> makeCleanStage(const CleanOptions& options);
// Tags doc.lang; drops languages listed in `drop` (e.g. {"other"}) with reason "language_<code>".
std::unique_ptr<PipelineStage> makeLanguageStage(const LanguageIdOptions& options, std::vector<std::string> drop);
std::unique_ptr<PipelineStage> makeFilterStage(const QualityOptions& options);
std::unique_ptr<PipelineStage> makePiiStage();
std::unique_ptr<PipelineStage> makeDedupStage(const DedupOptions& options);

}  // namespace mindllm::data
