#pragma once
// Where a demo build looks and writes by default, without Qt: the app's data folder as Qt's
// QStandardPaths::AppDataLocation names it on Linux ($XDG_DATA_HOME or ~/.local/share, then
// organisation/application: "MindLLM/MindLLM Studio"), and the corpus and domain packs of the
// installation or the source tree.
#include <string>

namespace mindllm::demo {

std::string defaultModelDir();   // <app data>/models/default; throws Error when $HOME is unset
std::string defaultCorpusDir();  // $MINDLLM_DEMO_CORPUS, <exe>/../share/mindllm-studio/corpus, <source>/resources/corpus
std::string defaultDomainsDir(); // $MINDLLM_DOMAINS_DIR, <exe>/../share/mindllm-studio/domains, <source>/domains

}  // namespace mindllm::demo
