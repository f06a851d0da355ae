#pragma once
// The table printed at the end of a demo build: per stage its time and what it did (documents
// kept and dropped, tokenizer size, tokens, losses and perplexities, selection counts, scores).
#include <string>

#include "core/util/json_file.h"

namespace mindllm::demo {

// `report` is demo_report.json's content.
std::string summaryTable(const Json& report);

// "12.3 s", "4 min 05 s"
std::string formatSeconds(double seconds);

}  // namespace mindllm::demo
