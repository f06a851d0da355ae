#pragma once
// Where a job keeps its files: <jobs root>/<id>/ holds
//   job.json   the config `mindllm-cli finetune|sft --config` reads (written atomically at submit)
//   job.log    the command's stdout and stderr, appended over every (re)start
//   output/    the run's output_dir: metrics.jsonl, checkpoints/, final/, adapter/
#include <cstdint>
#include <string>

namespace mindllm::jobs {

struct JobFolder {
  std::string dir;

  static JobFolder of(const std::string& jobsRoot, int64_t id) { return {jobsRoot + "/" + std::to_string(id)}; }

  std::string configPath() const { return dir + "/job.json"; }
  std::string logPath() const { return dir + "/job.log"; }
  std::string outputDir() const { return dir + "/output"; }
  std::string metricsPath() const { return outputDir() + "/metrics.jsonl"; }
  std::string finalModelDir() const { return outputDir() + "/final"; }
};

}  // namespace mindllm::jobs
