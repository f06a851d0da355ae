#include "training/demo/corpus_inputs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/util/error.h"
#include "training/data/jsonl_writer.h"

namespace fs = std::filesystem;

namespace mindllm::demo {
namespace {

std::vector<std::string> sortedFiles(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> sortedDirs(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<data::InputSpec> corpusTrainInputs(const std::string& corpusDir) {
  const fs::path train = fs::path(corpusDir) / "train";
  if (!fs::is_directory(train))
    throw fileError(train.string(), "no such folder; --corpus must name a demo corpus (see resources/corpus)");
  std::vector<data::InputSpec> inputs;
  for (const auto& domain : sortedDirs(train)) {
    for (const auto& file : sortedFiles(domain, ".jsonl")) {
      data::InputSpec spec{file, {}};
      spec.options.source = domain.filename().string();  // records' own "source" fields win
      inputs.push_back(spec);
    }
    for (const auto& folder : sortedDirs(domain)) {
      data::InputSpec spec{folder.string(), {}};
      spec.options.format = "text";
      spec.options.textMode = "paragraph";
      spec.options.source = domain.filename().string();
      inputs.push_back(spec);
    }
  }
  if (inputs.empty()) throw fileError(train.string(), "no .jsonl files or text folders in the corpus");
  return inputs;
}

std::vector<std::string> corpusValFiles(const std::string& corpusDir) {
  return sortedFiles(fs::path(corpusDir) / "val", ".txt");
}

std::vector<std::string> corpusInstructionFiles(const std::string& corpusDir) {
  return sortedFiles(fs::path(corpusDir) / "instructions", ".jsonl");
}

std::vector<data::InputSpec> sliceInputs(const std::vector<data::InputSpec>& inputs, double fraction,
                                         const std::string& outDir, data::StageReport& report) {
  fs::create_directories(outDir);
  std::vector<data::InputSpec> out;
  int index = 0;
  for (const auto& input : inputs) {
    for (const auto& file : data::listInputFiles(input.path)) {
      std::vector<data::Document> docs;
      data::StageReport read("ingest");  // the reader counts every document it reads as kept
      data::DocumentReader reader({{file, input.options}}, &read);
      for (data::Document d; reader.next(d);) docs.push_back(d);
      for (const auto& note : read.notes()) report.note(note);
      if (const int64_t bad = read.droppedFor("malformed_line")) report.count("malformed_lines", bad);
      const auto keep = static_cast<size_t>(std::ceil(fraction * static_cast<double>(docs.size())));
      char name[16];
      std::snprintf(name, sizeof name, "%03d-", index++);
      const std::string path = outDir + "/" + name + fs::path(file).stem().string() + ".jsonl";
      data::JsonlWriter writer(path);
      for (size_t i = 0; i < docs.size(); ++i) {
        if (i < keep) {
          writer.write(docs[i]);
          report.kept(docs[i].text.size());
        } else {
          report.dropped("not_in_slice", docs[i].text.size());
        }
      }
      writer.commit();
      out.push_back({path, {}});
    }
  }
  return out;
}

}  // namespace mindllm::demo
