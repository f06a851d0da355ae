#pragma once
// What `sft select` did, for people and for tools: the score distribution (summary and a
// histogram), the band, and kept/dropped counts per source and per band (below / in / above),
// plus one item per sample (file, line, source, score, band, kept).
#include <iosfwd>
#include <string>
#include <vector>

#include "core/util/json_file.h"
#include "training/sft/conversation.h"
#include "training/sft/sample_selector.h"

namespace mindllm::sft {

Json selectionReport(const std::vector<Conversation>& samples, const std::vector<double>& scores,
                     const Selection& selection, const SelectionOptions& options, int bins = 20);

// Writes the kept samples' records, as read, one per line (atomically; creates the folder).
void writeKeptRecords(const std::string& path, const std::vector<Conversation>& samples, const Selection& selection);

// The report as text tables: per-source counts, per-band counts, and the histogram as bars.
void printSelectionReport(const Json& report, std::ostream& out);

}  // namespace mindllm::sft
