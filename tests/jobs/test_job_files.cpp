// Files a job reads and writes: the dataset preview (format detection, formatted samples, a bad
// line named by its number) and publishing the final model folder into the fine-tuned models.
#include <QtTest>
#include <filesystem>

#include "core/jobs/dataset_preview.h"
#include "core/jobs/model_publisher.h"
#include "core/util/error.h"
#include "job_test_support.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using namespace mindllm::jobs;
using mindllm::test::errorText;
namespace fs = std::filesystem;

class TestJobFiles : public QObject {
  Q_OBJECT
  jobs_test::TempFolder dir_;

private Q_SLOTS:
  void previewsAlpaca() {
    const std::string path = dir_.write("alpaca.jsonl",
                                   R"({"instruction":"总结合同的违约条款","input":"甲方逾期付款……","output":"甲方应支付违约金。"}
{"instruction":"What is a bond?","output":"A loan to an issuer."}

{"instruction":"Define EBITDA","output":"Earnings before interest, taxes, depreciation and amortisation.","system":"You are a financial analyst."}
{"instruction":"4th","output":"four"}
)");
    const DatasetPreview p = previewDataset(path, "auto", 3);
    QCOMPARE(p.format, std::string("alpaca"));
    QCOMPARE(p.samples, int64_t(4));
    QCOMPARE(p.first.size(), size_t(3));
    QCOMPARE(p.first[0].line, int64_t(1));
    QCOMPARE(p.first[0].turns.size(), size_t(2));
    QCOMPARE(p.first[0].turns[0].role, std::string("user"));
    QCOMPARE(p.first[0].turns[0].text, std::string("总结合同的违约条款\n\n甲方逾期付款……"));
    QCOMPARE(p.first[0].turns[1].text, std::string("甲方应支付违约金。"));
    QCOMPARE(p.first[2].line, int64_t(4));  // the blank line 3 is skipped but counted
    QCOMPARE(p.first[2].turns[0].role, std::string("system"));
  }

  void previewsShareGpt() {
    const std::string path = dir_.write("sharegpt.jsonl",
                                   R"({"conversations":[{"from":"system","value":"你是一名法律助理。"},{"from":"human","value":"合同无效的情形？"},{"from":"gpt","value":"违反法律强制性规定……"}]}
)");
    const DatasetPreview p = previewDataset(path, "sharegpt");
    QCOMPARE(p.format, std::string("sharegpt"));
    QCOMPARE(p.first[0].turns.size(), size_t(3));
    QCOMPARE(p.first[0].turns[2].role, std::string("assistant"));

    // The OpenAI form counts as sharegpt too.
    const std::string openAi = dir_.write("messages.jsonl",
                                     R"({"messages":[{"role":"user","content":"What is EBITDA?"},{"role":"assistant","content":"Earnings before interest, taxes, depreciation and amortisation."}]}
)");
    const DatasetPreview m = previewDataset(openAi, "auto");
    QCOMPARE(m.format, std::string("sharegpt"));
    QCOMPARE(m.first[0].turns[1].text, std::string("Earnings before interest, taxes, depreciation and amortisation."));
    const std::string noAnswer = dir_.write("no_answer.jsonl", R"({"messages":[{"role":"user","content":"q"}]})");
    QVERIFY(errorText<Error>([&] { previewDataset(noAnswer, "auto"); }).contains("no_answer.jsonl:1: field \"messages\": no assistant turn"));

    // Compressed files are left to the command's --check.
    const DatasetPreview gz = previewDataset(dir_.write("data.jsonl.gz", "\x1f\x8b"), "auto");
    QVERIFY(gz.compressed);
    QCOMPARE(gz.samples, int64_t(-1));
  }

  void aMalformedLineIsNamedByNumber() {
    const std::string good = R"({"instruction":"q","output":"a"})";
    std::string text;
    for (int i = 1; i <= 16; ++i) text += good + "\n";
    text += R"({"instruction":"q17"})" "\n" + good + "\n";
    const std::string path = dir_.write("missing_output.jsonl", text);
    const QString e = errorText<Error>([&] { previewDataset(path, "auto"); });
    QVERIFY2(e.endsWith("missing_output.jsonl:17: field \"output\" missing"), qPrintable(e));

    const std::string notJson = dir_.write("bad_json.jsonl", good + "\n" + good + "\n{\"instruction\": \"x\",\n");
    QVERIFY(errorText<Error>([&] { previewDataset(notJson, "auto"); }).endsWith("bad_json.jsonl:3: not valid JSON"));
    const std::string turn = dir_.write("bad_turn.jsonl", R"({"conversations":[{"from":"human","value":"q"},{"from":"bot","value":"a"}]})");
    QVERIFY(errorText<Error>([&] { previewDataset(turn, "auto"); }).contains("bad_turn.jsonl:1: field \"conversations[1].from\": unknown role \"bot\""));
    const std::string unknown = dir_.write("unknown.jsonl", R"({"question":"q","answer":"a"})");
    QVERIFY(errorText<Error>([&] { previewDataset(unknown, "auto"); }).contains("unknown.jsonl:1: neither alpaca"));
    const std::string wrongFormat = dir_.write("wrong_format.jsonl", good + "\n");
    QVERIFY(errorText<Error>([&] { previewDataset(wrongFormat, "sharegpt"); }).contains(":1: field \"conversations\" missing"));
    const std::string empty = dir_.write("empty.jsonl", "\n\n");
    QVERIFY(errorText<Error>([&] { previewDataset(empty, "auto"); }).contains("empty.jsonl: no samples"));
    QVERIFY(errorText<Error>([&] { previewDataset(dir_.path("absent.jsonl"), "auto"); }).contains("cannot open"));
  }

  void publishMovesTheFinalModel() {
    const std::string root = dir_.path("finetuned");
    const std::string final1 = dir_.write("job1/output/final/config.json", "{}");
    dir_.write("job1/output/final/model.safetensors", "weights");
    const std::string target = publishModel(fs::path(final1).parent_path().string(), root, "law-assistant");
    QCOMPARE(target, root + "/law-assistant");
    QVERIFY(fs::exists(target + "/model.safetensors"));
    QVERIFY(!fs::exists(dir_.path("job1/output/final")));
    // The same name again gets a suffix; nothing is overwritten.
    dir_.write("job2/output/final/config.json", "{}");
    QCOMPARE(publishModel(dir_.path("job2/output/final"), root, "law-assistant"),
             root + "/law-assistant-2");
    QVERIFY(fs::exists(target + "/model.safetensors"));
  }

  void publishRefusesAnIncompleteFolder() {
    const std::string root = dir_.path("finetuned2");
    dir_.write("job3/output/final/model.safetensors", "weights");
    const std::string final3 = dir_.path("job3/output/final");
    QVERIFY(errorText<Error>([&] { publishModel(final3, root, "x"); }).contains("no config.json"));
    QVERIFY(fs::exists(final3 + "/model.safetensors"));
    QVERIFY(!fs::exists(root + "/x"));
  }
};

QTEST_GUILESS_MAIN(TestJobFiles)
#include "test_job_files.moc"
