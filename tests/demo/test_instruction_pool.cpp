// The demo build's instruction pool (training/demo/instruction_pool.h): the corpus's and the
// domain packs' sets in one file, a repeated question kept once, every record given its
// assistant's system prompt in its language, and bad records refused with file, line and field.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/util/atomic_file.h"
#include "core/util/json_file.h"
#include "support/error_of.h"
#include "training/demo/instruction_pool.h"

using mindllm::Json;
using mindllm::test::errorOf;
using mindllm::demo::poolInstructions;

class TestInstructionPool : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  std::string dir_, domains_;

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    mindllm::writeFileAtomic(path, text);
    return path;
  }

  static std::vector<Json> readLines(const std::string& path) {
    std::vector<Json> records;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) records.push_back(Json::parse(line));
    return records;
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    dir_ = tmp_.path().toStdString();
    domains_ = dir_ + "/domains";
    for (const char* pack : {"law", "finance"}) {
      std::filesystem::create_directories(domains_ + "/" + pack);
      const Json assistant = {{"system_prompt", {{"zh_CN", std::string(pack) + " 中文提示"},
                                                 {"en", std::string(pack) + " English prompt"}}}};
      mindllm::writeJsonFileAtomic(domains_ + "/" + pack + "/assistant.json", assistant);
    }
  }

  void poolsFilesKeepsARepeatedQuestionOnceAndAddsSystemPrompts() {
    const std::string corpus = write("corpus.jsonl",
        R"({"instruction": "什么是要约？", "output": "甲", "domain": "law", "lang": "zh", "source": "demo_law"})" "\n"
        "\n"
        R"({"instruction": "What is EBITDA?", "output": "B", "domain": "finance", "lang": "en"})" "\n");
    const std::string pack = write("pack.jsonl",
        R"({"instruction": "什么是要约？", "output": "乙", "domain": "law", "lang": "zh", "source": "law_contract"})" "\n"
        R"({"instruction": "什么是要约？", "input": "商业广告", "output": "丙", "domain": "law", "lang": "zh"})" "\n"
        R"({"instruction": "Own prompt", "output": "D", "domain": "law", "lang": "en", "system": "mine"})" "\n");
    const std::string out = dir_ + "/pool.jsonl";
    const auto pool = poolInstructions({corpus, pack}, domains_, out);
    QCOMPARE(pool.records, int64_t{5});
    QCOMPARE(pool.duplicates, int64_t{1});  // same instruction and input; another input is another question
    QCOMPARE(pool.written, int64_t{4});
    QCOMPARE(pool.bySource["demo_law"].get<int>(), 1);
    QCOMPARE(pool.bySource["finance"].get<int>(), 1);  // no "source": the domain stands in
    QVERIFY(!pool.bySource.contains("law_contract"));  // its only record repeated the corpus's question

    const auto records = readLines(out);
    QCOMPARE(records.size(), size_t{4});
    QCOMPARE(records[0]["output"].get<std::string>(), std::string("甲"));  // the first one seen wins
    QCOMPARE(records[0]["system"].get<std::string>(), std::string("law 中文提示"));
    QCOMPARE(records[1]["system"].get<std::string>(), std::string("finance English prompt"));
    QCOMPARE(records[2]["input"].get<std::string>(), std::string("商业广告"));
    QCOMPARE(records[3]["system"].get<std::string>(), std::string("mine"));  // a record's own prompt stays
  }

  void badRecordsAreNamedByFileLineAndField() {
    const std::string out = dir_ + "/bad-pool.jsonl";
    const std::string notJson = write("not-json.jsonl", R"({"instruction": "a", "output": "b", "domain": "law", "lang": "en"})"
                                                         "\n{oops\n");
    QVERIFY(QString::fromStdString(errorOf([&] { poolInstructions({notJson}, domains_, out); }))
                .startsWith(QString::fromStdString(notJson + ":2: invalid JSON")));
    const std::string noLang = write("no-lang.jsonl", R"({"instruction": "a", "output": "b", "domain": "law"})" "\n");
    QCOMPARE(errorOf([&] { poolInstructions({noLang}, domains_, out); }),
             noLang + ":1: missing required field 'lang'");
    const std::string unknownPack = write("tax.jsonl", R"({"instruction": "a", "output": "b", "domain": "tax", "lang": "en"})" "\n");
    QVERIFY(errorOf([&] { poolInstructions({unknownPack}, domains_, out); }).find(domains_ + "/tax/assistant.json") !=
            std::string::npos);
    QVERIFY(!std::filesystem::exists(out));  // nothing half-written
  }
};

QTEST_GUILESS_MAIN(TestInstructionPool)
#include "test_instruction_pool.moc"
