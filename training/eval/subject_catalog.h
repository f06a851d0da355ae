#pragma once
// The published subject lists of C-Eval (52), CMMLU (67) and MMLU (57): display names and the
// categories each benchmark reports averages for. A subject missing from a list (a new or private
// one) still evaluates: its name comes from the key and its category is "Other".
#include <string>
#include <vector>

namespace mindllm::eval {

struct SubjectInfo {
  std::string key;
  std::string name;                     // the name the benchmark's prompt uses (Chinese for C-Eval/CMMLU)
  std::vector<std::string> categories;  // first is the main one
};

SubjectInfo cevalSubject(const std::string& key);
SubjectInfo cmmluSubject(const std::string& key);
SubjectInfo mmluSubject(const std::string& key);

// How many subjects each list knows (for tests and docs).
size_t cevalSubjectCount();
size_t cmmluSubjectCount();
size_t mmluSubjectCount();

}  // namespace mindllm::eval
