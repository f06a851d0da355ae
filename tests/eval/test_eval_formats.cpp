// Readers, prompts, metrics and reports of the evaluation harness, on the sample files in
// tests/fixtures/eval: each published format, the domain formats, and one malformed row per
// format, whose error must name the file and the line.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/util/error.h"
#include "training/eval/benchmark_readers.h"
#include "training/eval/choice_prompt.h"
#include "training/eval/classification_metrics.h"
#include "training/eval/csv_table.h"
#include "training/eval/domain_sets.h"
#include "training/eval/eval_report.h"
#include "training/eval/math_word_problems.h"
#include "training/eval/report_comparison.h"
#include "training/eval/subject_catalog.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using mindllm::test::errorOf;
using namespace mindllm::eval;

namespace {

const std::string kEval = MINDLLM_FIXTURES_DIR "/eval";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

#define VERIFY_CONTAINS(text, part) \
  QVERIFY2(contains(text, part), ("'" + std::string(text) + "' lacks '" + std::string(part) + "'").c_str())

const ChoiceSubject& subjectNamed(const std::vector<ChoiceSubject>& subjects, const std::string& key) {
  for (const auto& s : subjects)
    if (s.key == key) return s;
  throw Error("no subject " + key);
}

GroupScore subject(const std::string& key, std::vector<std::string> categories, int64_t count, int64_t correct) {
  GroupScore g;
  g.key = g.name = key;
  g.categories = std::move(categories);
  g.count = count;
  g.correct = correct;
  return g;
}

}  // namespace

class TestEvalFormats : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void csvQuotingAndLines() {
    const std::string text =
        "\xEF\xBB\xBFid,question\r\n"
        "1,\"a, b\"\r\n"
        "\n"
        "2,\"say \"\"hi\"\"\nsecond line\"\n"
        "3,\n";
    const auto r = parseCsv(text, "x.csv");
    QCOMPARE(int(r.size()), 4);
    QCOMPARE(r[0].fields, (std::vector<std::string>{"id", "question"}));
    QCOMPARE(r[1].fields[1], std::string("a, b"));
    QCOMPARE(r[1].line, 2L);
    QCOMPARE(r[2].fields[1], std::string("say \"hi\"\nsecond line"));
    QCOMPARE(r[2].line, 4L);
    QCOMPARE(r[3].line, 6L);  // after a record spanning two lines
    QCOMPARE(r[3].fields, (std::vector<std::string>{"3", ""}));
  }

  void csvUnterminatedQuoteNamesItsLine() {
    const auto e = errorOf([] { readCsvFile(kEval + "/malformed/unterminated_quote.csv"); });
    VERIFY_CONTAINS(e, "unterminated_quote.csv:3:");
    VERIFY_CONTAINS(e, "unterminated quoted field");
    VERIFY_CONTAINS(errorOf([] { parseCsv("a,\"b\"c\n", "y.csv"); }), "y.csv:1: unexpected character after a closing quote");
  }

  void cevalFolders() {
    const auto subjects = readCEval(kEval + "/ceval", "val");
    QCOMPARE(int(subjects.size()), 2);
    QCOMPARE(subjects[0].key, std::string("computer_network"));
    const auto& law = subjectNamed(subjects, "law");
    QCOMPARE(law.name, std::string("法学"));
    QCOMPARE(law.categories, std::vector<std::string>{"Humanities"});
    QCOMPARE(subjects[0].categories, std::vector<std::string>{"STEM"});
    QCOMPARE(int(law.questions.size()), 4);
    QCOMPARE(int(law.dev.size()), 3);
    QCOMPARE(law.questions[1].question, std::string("甲向乙借款 10,000 元，约定\"年利率 30%\"，超过法定上限的利息部分____。"));
    QCOMPARE(law.questions[1].options[1], std::string("无效"));
    QCOMPARE(law.questions[1].answer, 1);
    QCOMPARE(law.questions[3].answer, 2);
    QCOMPARE(law.questions[3].line, 5L);
    VERIFY_CONTAINS(law.dev[1].explanation, "三年。\n2.");
    QCOMPARE(law.dev[2].answer, 2);
    // The test split keeps its answers private.
    const auto test = readCEval(kEval + "/ceval", "test");
    QCOMPARE(int(test.size()), 1);
    QCOMPARE(test[0].questions[0].answer, -1);
    QCOMPARE(int(test[0].dev.size()), 3);
  }

  void cevalBadAnswerNamesFileAndLine() {
    const auto e = errorOf([] { readCEval(kEval + "/malformed/ceval", "val"); });
    VERIFY_CONTAINS(e, "law_val.csv:3:");
    VERIFY_CONTAINS(e, "field 'answer'");
    VERIFY_CONTAINS(e, "'E'");
    VERIFY_CONTAINS(errorOf([] { readCEval(kEval + "/ceval", "nosuch"); }), "no 'nosuch' folder");
  }

  void cmmluFolders() {
    const auto subjects = readCmmlu(kEval + "/cmmlu", "test");
    QCOMPARE(int(subjects.size()), 2);
    const auto& history = subjectNamed(subjects, "chinese_history");
    QCOMPARE(history.name, std::string("中国历史"));
    QCOMPARE(history.categories, (std::vector<std::string>{"Humanities", "China specific"}));
    QCOMPARE(history.questions[0].question, std::string("\"贞观之治\"出现在哪位皇帝统治时期？"));
    QCOMPARE(history.questions[0].answer, 1);
    QCOMPARE(int(history.dev.size()), 2);
    QCOMPARE(subjectNamed(subjects, "professional_accounting").categories, std::vector<std::string>{"Social Science"});
  }

  void mmluFoldersWithoutHeader() {
    const auto subjects = readMmlu(kEval + "/mmlu", "test");
    QCOMPARE(int(subjects.size()), 2);
    const auto& j = subjectNamed(subjects, "jurisprudence");
    QCOMPARE(j.name, std::string("jurisprudence"));
    QCOMPARE(j.categories, std::vector<std::string>{"humanities"});
    QCOMPARE(int(j.questions.size()), 3);
    QCOMPARE(j.questions[1].question, std::string("Which thinker wrote \"The Concept of Law\"?"));
    QCOMPARE(j.questions[2].answer, 2);
    QCOMPARE(j.dev[1].options[0], std::string("To stand by decided cases"));
    QCOMPARE(subjectNamed(subjects, "high_school_macroeconomics").name, std::string("high school macroeconomics"));
    QCOMPARE(subjectNamed(subjects, "high_school_macroeconomics").categories, std::vector<std::string>{"social sciences"});
  }

  void csvShapeErrors() {
    auto e = errorOf([] { readChoiceCsv(kEval + "/malformed/mmlu_short_row.csv", false, true); });
    VERIFY_CONTAINS(e, "mmlu_short_row.csv:2:");
    VERIFY_CONTAINS(e, "expected 6 fields, got 5");
    e = errorOf([] { readChoiceCsv(kEval + "/malformed/missing_column.csv", true, true); });
    VERIFY_CONTAINS(e, "missing_column.csv:1:");
    VERIFY_CONTAINS(e, "no 'D' column");
  }

  void subjectListsAreComplete() {
    QCOMPARE(int(cevalSubjectCount()), 52);
    QCOMPARE(int(cmmluSubjectCount()), 67);
    QCOMPARE(int(mmluSubjectCount()), 57);
    QCOMPARE(cevalSubject("mao_zedong_thought").categories, std::vector<std::string>{"Social Science"});
    QCOMPARE(mmluSubject("professional_accounting").categories,
             std::vector<std::string>{"other (business, health, misc.)"});
    QCOMPARE(cevalSubject("brand_new_subject").name, std::string("brand new subject"));
    QCOMPARE(cevalSubject("brand_new_subject").categories, std::vector<std::string>{"Other"});
  }

  void gsm8kRows() {
    const auto train = readGsm8k(kEval + "/gsm8k/train.jsonl");
    QCOMPARE(int(train.size()), 3);
    QCOMPARE(train[0].answer, std::string("72"));
    QCOMPARE(train[0].solution, std::string("Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether "
                                            "in April and May."));
    const auto test = readGsm8k(kEval + "/gsm8k/test.jsonl");
    QCOMPARE(test[2].answer, std::string("1380000"));
    QCOMPARE(test[3].line, 4L);
    auto e = errorOf([] { readGsm8k(kEval + "/malformed/gsm8k_no_marker.jsonl"); });
    VERIFY_CONTAINS(e, "gsm8k_no_marker.jsonl:2:");
    VERIFY_CONTAINS(e, "####");
    e = errorOf([] { readGsm8k(kEval + "/malformed/gsm8k_bad_json.jsonl"); });
    VERIFY_CONTAINS(e, "gsm8k_bad_json.jsonl:3:");
    VERIFY_CONTAINS(e, "invalid JSON");
  }

  void lastNumberExtraction_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found");
    QTest::addColumn<double>("value");
    QTest::newRow("plain") << "So she makes 18 dollars. The answer is 18." << true << 18.0;
    QTest::newRow("last wins") << "3 + 4 = 7, then 7 * 2 = 14" << true << 14.0;
    QTest::newRow("commas") << "The revenue is 1,380,000 yuan." << true << 1380000.0;
    QTest::newRow("decimal") << "Each costs $0.25" << true << 0.25;
    QTest::newRow("negative") << "The change is -12 degrees" << true << -12.0;
    QTest::newRow("trailing period") << "The answer is 42." << true << 42.0;
    QTest::newRow("chinese") << "所以答案是350。" << true << 350.0;
    QTest::newRow("none") << "no digits here" << false << 0.0;
  }
  void lastNumberExtraction() {
    QFETCH(QString, text);
    QFETCH(bool, found);
    QFETCH(double, value);
    const auto n = lastNumber(text.toStdString());
    QCOMPARE(bool(n), found);
    if (found) QVERIFY(sameNumber(*n, value));
    QVERIFY(sameNumber(18.0, 18.0000000001));
    QVERIFY(!sameNumber(18.0, 18.01));
  }

  void mathPromptFormat() {
    const auto shots = chainOfThoughtExemplars();
    QCOMPARE(int(shots.size()), 8);
    const std::string prompt = renderMathShots({shots[1]}, "en") + renderMathQuestion(shots[0], "en");
    QCOMPARE(prompt, std::string("Question: If there are 3 cars in the parking lot and 2 more cars arrive, how many cars "
                                 "are in the parking lot?\nAnswer: There are originally 3 cars. 2 more cars arrive. "
                                 "3 + 2 = 5. The answer is 5.\n\nQuestion: ") +
                         shots[0].question + "\nAnswer:");
    QCOMPARE(mathStopStrings("en"), (std::vector<std::string>{"\n\n", "Question:"}));
  }

  void domainChoiceTask() {
    const auto task = readDomainTask(kEval + "/domain_choice");
    QCOMPARE(task.type, std::string("choice"));
    QCOMPARE(task.name, std::string("law-choice-sample"));
    const auto subjects = readDomainChoice(task, task.splitFile("test"), task.splitFile("dev"));
    QCOMPARE(int(subjects.size()), 2);
    QCOMPARE(subjects[0].key, std::string("contract_law"));
    QCOMPARE(subjects[0].name, std::string("合同法"));
    QCOMPARE(subjects[0].categories, std::vector<std::string>{"民商法"});
    QCOMPARE(int(subjects[0].questions.size()), 2);
    QCOMPARE(int(subjects[0].dev.size()), 1);
    QCOMPARE(subjects[1].questions[1].answer, 2);
    QCOMPARE(subjects[1].questions[1].id, std::string("l2"));
    // A bare .jsonl file is a choice set too.
    const auto bare = readDomainTask(kEval + "/domain_choice/test.jsonl");
    QCOMPARE(bare.type, std::string("choice"));
    const auto e = errorOf([] {
      const auto t = readDomainTask(kEval + "/malformed/choice_bad_answer.jsonl");
      readDomainChoice(t, kEval + "/malformed/choice_bad_answer.jsonl", "");
    });
    VERIFY_CONTAINS(e, "choice_bad_answer.jsonl:2:");
    VERIFY_CONTAINS(e, "field 'answer': expected a letter A to D, got 'E'");
  }

  void domainClassificationTask() {
    const auto task = readDomainTask(kEval + "/domain_classify");
    QCOMPARE(task.type, std::string("classification"));
    QCOMPARE(task.labels, (std::vector<std::string>{"利好", "利空", "中性"}));
    QCOMPARE(task.inputName, std::string("新闻"));
    const auto rows = readDomainClassification(task, task.splitFile("test"));
    QCOMPARE(int(rows.size()), 5);
    QCOMPARE(rows[1].label, 1);
    QCOMPARE(rows[4].subject, std::string("macro"));
    const auto bad = readDomainTask(kEval + "/malformed/classify");
    const auto e = errorOf([&] { readDomainClassification(bad, bad.splitFile("test")); });
    VERIFY_CONTAINS(e, "test.jsonl:2:");
    VERIFY_CONTAINS(e, "'未知' is not in the task's label set");
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    std::ofstream(dir + "/task.json") << R"({"type": "classification", "labels": ["only"]})";
    VERIFY_CONTAINS(errorOf([&] { readDomainTask(dir); }), "task.json: field 'labels' must list at least two labels");
    std::ofstream(dir + "/task.json") << R"({"type": "ranking"})";
    VERIFY_CONTAINS(errorOf([&] { readDomainTask(dir); }), "field 'type'");
  }

  void benchmarkPromptStyles() {
    ChoiceQuestion q{"0", "问题", {"甲", "乙", "丙", "丁"}, 1, "", "", 0};
    ChoiceQuestion shot{"1", "示例", {"一", "二", "三", "四"}, 3, "", "", 0};
    QCOMPARE(renderHeader(ChoicePromptStyle::ceval(), "法学", {shot}, 5, PromptForm::Lettered) +
                 renderQuestion(ChoicePromptStyle::ceval(), q, PromptForm::Lettered),
             std::string("以下是中国关于法学考试的单项选择题，请选出其中的正确答案。\n\n示例\nA. 一\nB. 二\nC. 三\nD. 四\n答案：D\n\n"
                         "问题\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案："));
    QCOMPARE(renderQuestion(ChoicePromptStyle::cmmlu(), q, PromptForm::Lettered),
             std::string("题目：问题\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是："));
    ChoiceQuestion en{"0", "What?", {"x", "y", "z", "w"}, 0, "", "", 0};
    QCOMPARE(renderHeader(ChoicePromptStyle::mmlu(), "high school physics", {en}, 0, PromptForm::Lettered),
             std::string("The following are multiple choice questions (with answers) about high school physics.\n\n"));
    QCOMPARE(renderQuestion(ChoicePromptStyle::mmlu(), en, PromptForm::Lettered) +
                 renderAnswer(ChoicePromptStyle::mmlu(), en, 2, PromptForm::Lettered),
             std::string("What?\nA. x\nB. y\nC. z\nD. w\nAnswer: C"));
    // Cloze: no lettered list, the option text is the answer.
    QCOMPARE(renderQuestion(ChoicePromptStyle::mmlu(), en, PromptForm::Cloze) +
                 renderAnswer(ChoicePromptStyle::mmlu(), en, 3, PromptForm::Cloze),
             std::string("What?\nAnswer: w"));
  }

  void classificationMetricsByHand() {
    // gold:      A A A B B C
    // predicted: A A B B C C
    const auto m = classificationMetrics({0, 0, 0, 1, 1, 2}, {0, 0, 1, 1, 2, 2}, {"A", "B", "C", "D"});
    QCOMPARE(m.accuracy, 4.0 / 6.0);
    // A: p=1 r=2/3 f1=0.8; B: p=1/2 r=1/2 f1=0.5; C: p=1/2 r=1 f1=2/3; D absent everywhere (left out).
    QVERIFY(std::abs(m.macroF1 - (0.8 + 0.5 + 2.0 / 3.0) / 3.0) < 1e-12);
    QCOMPARE(m.confusion[0][1], 1);
    QCOMPARE(m.labels[2].support, 1);
    QCOMPARE(m.labels[2].predicted, 2);
  }

  void reportAveragesJsonAndMarkdown() {
    EvalReport r;
    r.task = "ceval";
    r.model = {{"name", "tiny"}};
    r.settings = {{"shots", 5}, {"scoring", "letter"}};
    r.subjects = {subject("law", {"Humanities"}, 4, 3), subject("logic", {"Humanities"}, 2, 0),
                  subject("computer_network", {"STEM"}, 4, 2)};
    summarise(r);
    QCOMPARE(r.subjects[0].score, 0.75);
    QCOMPARE(int(r.categories.size()), 2);
    QCOMPARE(r.categories[0].key, std::string("Humanities"));
    QCOMPARE(r.categories[0].score, 0.5);               // 3 of 6 questions
    QCOMPARE(r.categories[0].subjectAverage, 0.375);    // (0.75 + 0) / 2
    QCOMPARE(r.average.count, int64_t(10));
    QCOMPARE(r.average.score, 0.5);
    QVERIFY(std::abs(r.average.subjectAverage - (0.75 + 0 + 0.5) / 3) < 1e-12);

    const auto back = EvalReport::fromJson(r.toJson(), "r.json");
    QCOMPARE(back.toJson().dump(), r.toJson().dump());
    const std::string md = r.markdown();
    VERIFY_CONTAINS(md, "| law | Humanities | 4 | 75.0 |");
    VERIFY_CONTAINS(md, "| **Average** | | 10 | **50.0** |");
    VERIFY_CONTAINS(md, "| Humanities | 2 | 6 | 50.0 | 37.5 |");
    VERIFY_CONTAINS(errorOf([] { EvalReport::fromJson(Json{{"task", "x"}}, "other.json"); }),
                    "other.json: not an evaluation report");
  }

  void compareSideBySide() {
    EvalReport a, b, p;
    a.task = b.task = "mmlu";
    a.model = {{"name", "small"}};
    b.model = {{"name", "big"}};
    a.subjects = {subject("law", {"humanities"}, 10, 4), subject("physics", {"STEM"}, 10, 6)};
    b.subjects = {subject("law", {"humanities"}, 10, 7)};
    summarise(a);
    summarise(b);
    p.task = "perplexity";
    p.metric = "perplexity";
    p.model = {{"name", "small"}};
    GroupScore text;
    text.key = text.name = "zh";
    text.count = 100;
    text.nll = 100 * std::log(12.5);
    p.subjects = {text};
    summarise(p);
    const std::string md = compareReports({a, b, p});
    VERIFY_CONTAINS(md, "### mmlu — accuracy (%)");
    VERIFY_CONTAINS(md, "|  | small | big |");
    VERIFY_CONTAINS(md, "| **Average** | 50.0 | **70.0** |");
    VERIFY_CONTAINS(md, "| law | 40.0 | **70.0** |");
    VERIFY_CONTAINS(md, "| physics | 60.0 | – |");  // b has no physics
    VERIFY_CONTAINS(md, "### perplexity — perplexity (lower is better)");
    VERIFY_CONTAINS(md, "| zh | 12.50 |");
    // Same model twice: the columns stay apart.
    VERIFY_CONTAINS(compareReports({a, a}), "|  | small | small #2 |");
  }
};

QTEST_GUILESS_MAIN(TestEvalFormats)
#include "test_eval_formats.moc"
