#include "core/jobs/job_record.h"

#include <filesystem>

#include "core/util/error.h"

namespace mindllm::jobs {

void validateJobName(const std::string& name) {
  if (name.empty()) throw Error("job name: must not be empty");
  if (name.size() > 80) throw Error("job name: at most 80 bytes (it becomes a folder name)");
  if (name == "." || name == ".." || name.front() == '.')
    throw Error("job name \"" + name + "\": must not start with a dot");
  if (name.back() == ' ') throw Error("job name \"" + name + "\": must not end with a space");
  for (unsigned char c : name) {
    if (c < 0x20 || std::string("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string::npos)
      throw Error("job name \"" + name + "\": must not contain / \\ : * ? \" < > | or control characters");
  }
}

void validateDraft(const JobDraft& draft) {
  validateJobName(draft.name);
  if (draft.command != "finetune" && draft.command != "sft")
    throw Error("job \"" + draft.name + "\": field 'command': expected \"finetune\" or \"sft\"");
  if (draft.baseModel.empty()) throw Error("job \"" + draft.name + "\": field 'base_model': a model folder is required");
  if (draft.dataset.empty()) throw Error("job \"" + draft.name + "\": field 'dataset': a training file is required");
  if (draft.method != "lora" && draft.method != "full")
    throw Error("job \"" + draft.name + "\": field 'method': expected \"lora\" or \"full\"");
  if (draft.device != "cpu" && draft.device != "auto" && draft.device.rfind("cuda", 0) != 0)
    throw Error("job \"" + draft.name + "\": field 'device': expected cpu, cuda or cuda:N");
}

JobDraft jobDraftFromJson(const Json& json, const std::string& where, const std::string& baseDir) {
  if (!json.is_object()) throw Error(where + ": expected a JSON object");
  JobDraft d;
  const auto path = [&](const std::string& p) {
    if (p.empty()) return p;
    const std::filesystem::path fp(p);
    return (fp.is_relative() ? std::filesystem::path(baseDir) / fp : fp).lexically_normal().string();
  };
  for (const auto& [key, value] : json.items()) {
    if (key == "hyperparameters") {
      d.hyperparameters = JobHyperparameters::fromJson(value, where + ": hyperparameters");
      continue;
    }
    std::string* field = key == "name"          ? &d.name
                         : key == "command"     ? &d.command
                         : key == "base_model"  ? &d.baseModel
                         : key == "dataset"     ? &d.dataset
                         : key == "val_dataset" ? &d.valDataset
                         : key == "method"      ? &d.method
                         : key == "device"      ? &d.device
                                                : nullptr;
    if (!field) throw Error(where + ": unknown field '" + key + "'");
    if (!value.is_string()) throw Error(where + ": field '" + key + "': expected a string");
    *field = value.get<std::string>();
  }
  d.baseModel = path(d.baseModel);
  d.dataset = path(d.dataset);
  d.valDataset = path(d.valDataset);
  return d;
}

}  // namespace mindllm::jobs
