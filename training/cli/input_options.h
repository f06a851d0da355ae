#pragma once
// Options shared by the commands that read documents: --input (repeatable, files or folders,
// .gz allowed), --text-field, --format, --text-mode, --strict.
#include <vector>

#include "core/cli/arg_parser.h"
#include "training/data/document_reader.h"

namespace mindllm::cli {

void addInputOptions(ArgParser& p);
std::vector<data::InputSpec> inputsFrom(const ArgParser& p);

}  // namespace mindllm::cli
