#pragma once
// The demo corpus as pipeline inputs (layout in resources/corpus/PROVENANCE.md): JSON lines under
// train/<domain>/, plain-text folders under train/<domain>/<name>/ read paragraph by paragraph
// with the domain as source, held-out text under val/, instruction sets under instructions/.
#include <string>
#include <vector>

#include "training/data/document_reader.h"
#include "training/data/stage_report.h"

namespace mindllm::demo {

// Throws Error naming the folder when `corpusDir` has no train/ folder with data files.
std::vector<data::InputSpec> corpusTrainInputs(const std::string& corpusDir);
std::vector<std::string> corpusValFiles(const std::string& corpusDir);        // val/*.txt, sorted
std::vector<std::string> corpusInstructionFiles(const std::string& corpusDir);  // instructions/*.jsonl, sorted

// Writes the first ceil(fraction x n) documents of each of the inputs' n-document files to
// `outDir` (one JSON-lines file per input file) and returns them as the new inputs. Keeping
// prefixes rather than sampling keeps the corpus's planted copies next to their originals.
std::vector<data::InputSpec> sliceInputs(const std::vector<data::InputSpec>& inputs, double fraction,
                                         const std::string& outDir, data::StageReport& report);

}  // namespace mindllm::demo
