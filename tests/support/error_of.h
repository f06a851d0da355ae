#pragma once
// The message of the exception `f` throws, or "" when it returns normally: tests assert that bad
// input is refused with an error naming the file, line or field.
#include <QString>
#include <exception>
#include <functional>
#include <string>

namespace mindllm::test {

// `Expected` narrows what counts: a test of an Error contract lets any other exception escape.
template <typename Expected = std::exception>
std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Expected& e) {
    return e.what();
  }
  return "";
}

// The same as QString, for QVERIFY(errorText<Error>(...).contains(...)) in Qt tests.
template <typename Expected = std::exception>
QString errorText(const std::function<void()>& f) {
  return QString::fromStdString(errorOf<Expected>(f));
}

}  // namespace mindllm::test
