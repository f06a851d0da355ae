// Scoring on tiny random models (both layouts) with the fixture tokenizer: letter and option
// log-likelihoods equal what a plain forward pass over the same prompt gives, with and without the
// prefix cache and at several batch sizes; the sliding-window perplexity equals a direct sum; and
// every task runs end to end through runEvaluation() with progress, cancellation and determinism.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/io/model_folder.h"
#include "core/util/error.h"
#include "training/eval/benchmark_readers.h"
#include "training/eval/choice_evaluator.h"
#include "training/eval/domain_sets.h"
#include "training/eval/eval_runner.h"
#include "training/eval/perplexity.h"
#include "training/eval/segment_encoding.h"

using namespace mindllm;
using namespace mindllm::eval;

namespace {

const std::string kTokenizer = MINDLLM_FIXTURES_DIR "/tokenizer/bpe";
const std::string kEval = MINDLLM_FIXTURES_DIR "/eval";

// log_softmax of a full forward pass without any cache: [T, vocab].
torch::Tensor directLogProbs(LoadedModel& m, const std::vector<TokenId>& ids) {
  torch::NoGradGuard g;
  auto logits = m.model()->forward(torch::tensor(std::vector<int64_t>(ids.begin(), ids.end())).unsqueeze(0));
  return torch::log_softmax(logits[0], -1);
}

// Text of roughly `words` * 2 tokens that no merge can compress much.
std::string longText(int words) {
  std::string out;
  for (int i = 0; i < words; ++i) out += "w" + std::to_string(i * 7919 % 10007) + " ";
  return out;
}

std::vector<TokenId> cat(std::vector<TokenId> a, const std::vector<TokenId>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

class TestEvalScoring : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::shared_ptr<LoadedModel> llama_, neo_;

  std::shared_ptr<LoadedModel> model(bool neo) { return neo ? neo_ : llama_; }

private Q_SLOTS:
  void initTestCase() {
    torch::set_num_threads(2);
    const std::string dir = tmp_.path().toStdString();
    initModelFolder(dir + "/tiny-llama", "tiny-llama", kTokenizer, 7);
    initModelFolder(dir + "/tiny-gpt-neo", "tiny-gpt-neo", kTokenizer, 8);
    llama_ = loadModelFolder(dir + "/tiny-llama");
    neo_ = loadModelFolder(dir + "/tiny-gpt-neo");
  }

  void letterLogProbsEqualDirectLogits_data() {
    QTest::addColumn<bool>("neo");
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<int>("batch");
    QTest::addColumn<QString>("benchmark");
    for (bool neo : {false, true})
      for (bool reuse : {true, false})
        for (int batch : {1, 3})
          for (const char* bench : {"ceval", "mmlu"})
            QTest::addRow("%s/%s/b%d/%s", neo ? "neo" : "llama", reuse ? "reuse" : "full", batch, bench)
                << neo << reuse << batch << QString(bench);
  }
  void letterLogProbsEqualDirectLogits() {
    QFETCH(bool, neo);
    QFETCH(bool, reuse);
    QFETCH(int, batch);
    QFETCH(QString, benchmark);
    auto m = model(neo);
    const bool zh = benchmark == "ceval";
    const auto subjects = zh ? readCEval(kEval + "/ceval", "val") : readMmlu(kEval + "/mmlu", "test");
    const auto style = zh ? ChoicePromptStyle::ceval() : ChoicePromptStyle::mmlu();
    ChoiceScoringOptions o;
    o.shots = 2;
    o.batchSize = batch;
    o.reusePrefix = reuse;
    ChoiceEvaluator evaluator(m, style, o);
    const auto& tok = m->tokenizer();
    int checked = 0;
    for (const auto& subject : subjects) {
      const auto scores = evaluator.score(subject, subject.questions);
      QCOMPARE(scores.size(), subject.questions.size());
      for (size_t i = 0; i < scores.size(); ++i) {
        const auto& s = scores[i];
        const auto& q = subject.questions[i];
        // The scored ids are exactly the rendered prompt (header with the shots used + question).
        QCOMPARE(tok.decode(s.promptIds), renderHeader(style, subject.name, subject.dev, s.shots, PromptForm::Lettered) +
                                              renderQuestion(style, q, PromptForm::Lettered));
        QVERIFY(s.shots <= 2);
        QVERIFY(int64_t(s.promptIds.size()) <= m->config().maxPositions);
        QCOMPARE(int(s.letterLogProbs.size()), 4);
        for (int k = 0; k < 4; ++k) {
          // The letter's ids as they follow the cue ("A" in Chinese, " A" in English; one token or
          // two, depending on the tokenizer), and their log-probability from one plain forward pass.
          const auto cue = tok.encode(style.answerCue);
          auto letter = tok.encode(style.answerCue + style.answerSpace + optionLetter(k));
          QVERIFY(std::equal(cue.begin(), cue.end(), letter.begin()));
          letter.erase(letter.begin(), letter.begin() + long(cue.size()));
          QCOMPARE(tok.decode(letter), style.answerSpace + optionLetter(k));
          const auto lp = directLogProbs(*m, cat(s.promptIds, letter));
          double direct = 0;
          for (size_t j = 0; j < letter.size(); ++j) direct += lp[long(s.promptIds.size() + j) - 1][letter[j]].item<double>();
          QVERIFY2(std::abs(direct - s.letterLogProbs[size_t(k)]) < 1e-4,
                   (std::to_string(direct) + " vs " + std::to_string(s.letterLogProbs[size_t(k)])).c_str());
        }
        ++checked;
      }
    }
    QCOMPARE(checked, zh ? 7 : 5);
  }

  void optionLogProbsEqualDirectSums_data() {
    QTest::addColumn<bool>("neo");
    QTest::newRow("llama") << false;
    QTest::newRow("gpt_neo") << true;
  }
  void optionLogProbsEqualDirectSums() {
    QFETCH(bool, neo);
    auto m = model(neo);
    const auto task = readDomainTask(kEval + "/domain_choice");
    const auto subjects = readDomainChoice(task, task.splitFile("test"), task.splitFile("dev"));
    const auto style = ChoicePromptStyle::generic("zh");
    ChoiceScoringOptions o;
    o.shots = 1;
    o.letters = false;
    o.options = true;
    std::vector<std::vector<double>> withReuse, without;
    int shots = -1;
    for (bool reuse : {true, false}) {
      o.reusePrefix = reuse;
      ChoiceEvaluator evaluator(m, style, o);
      for (const auto& s : evaluator.score(subjects[0], subjects[0].questions)) {
        (reuse ? withReuse : without).push_back(s.optionLogProbs);
        shots = s.shots;
      }
    }
    QCOMPARE(withReuse.size(), size_t(2));
    for (size_t i = 0; i < withReuse.size(); ++i)
      for (size_t k = 0; k < withReuse[i].size(); ++k) QVERIFY(std::abs(withReuse[i][k] - without[i][k]) < 1e-4);
    // Direct: the whole cloze prompt plus the option in one pass, summing the option's log-probs.
    const auto& tok = m->tokenizer();
    const auto& q = subjects[0].questions[1];
    QCOMPARE(shots, 1);
    const auto header = tok.encode(renderHeader(style, subjects[0].name, subjects[0].dev, 1, PromptForm::Cloze));
    // The segments are encoded as the scorer does (segment_encoding.h) and decode to the text.
    const auto question = encodeAfter(tok, "\n\n", renderQuestion(style, q, PromptForm::Cloze));
    QCOMPARE(tok.decode(cat(header, question)),
             renderHeader(style, subjects[0].name, subjects[0].dev, 1, PromptForm::Cloze) +
                 renderQuestion(style, q, PromptForm::Cloze));
    for (size_t k = 0; k < q.options.size(); ++k) {
      const auto option = encodeAfter(tok, style.answerCue, q.options[k]);
      QCOMPARE(tok.decode(option), q.options[k]);
      const auto prompt = cat(header, question);
      const auto lp = directLogProbs(*m, cat(prompt, option));
      double sum = 0;
      for (size_t j = 0; j < option.size(); ++j) sum += lp[long(prompt.size() + j) - 1][option[j]].item<double>();
      QVERIFY2(std::abs(sum - withReuse[1][k]) < 1e-3, (std::to_string(sum) + " vs " + std::to_string(withReuse[1][k])).c_str());
    }
  }

  void fewerShotsWhenThePromptDoesNotFit() {
    // A dev question far longer than the tiny model's 256-token window cannot be a shot.
    ChoiceSubject s;
    s.key = s.name = "long";
    ChoiceQuestion longShot{"d", longText(150) + "long?", {"a", "b", "c", "d"}, 0, "", "f", 1};
    ChoiceQuestion shortShot{"d2", "short?", {"a", "b", "c", "d"}, 1, "", "f", 2};
    ChoiceQuestion asked{"q", "what?", {"a", "b", "c", "d"}, 2, "", "f", 3};
    ChoiceQuestion huge{"h", longText(400) + "end?", {"a", "b", "c", "d"}, 3, "", "f", 4};
    s.dev = {shortShot, longShot};
    ChoiceScoringOptions o;
    o.shots = 2;
    ChoiceEvaluator evaluator(llama_, ChoicePromptStyle::mmlu(), o);
    const auto scores = evaluator.score(s, {asked, huge});
    QCOMPARE(scores[0].shots, 1);
    QCOMPARE(scores[0].truncatedTokens, 0);
    QCOMPARE(scores[1].shots, 0);
    QVERIFY(scores[1].truncatedTokens > 0);
    // Cut to fit exactly: the prompt plus the longest answer but its last token fill the window.
    const auto& tok = llama_->tokenizer();
    size_t letterTokens = 0;  // the longest of " A" .. " D" after the cue
    for (const char* l : {" A", " B", " C", " D"})
      letterTokens = std::max(letterTokens, encodeAfter(tok, "Answer:", l).size());
    QCOMPARE(int64_t(scores[1].promptIds.size() + letterTokens - 1), llama_->config().maxPositions);
    QVERIFY(tok.decode(scores[1].promptIds).find(" end?\nA. a") != std::string::npos);
  }

  void slidingWindowPerplexityEqualsDirectSum_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("batch");
    QTest::newRow("one window") << 256 << 128 << 4;
    QTest::newRow("w32 s16 b1") << 32 << 16 << 1;
    QTest::newRow("w32 s16 b3") << 32 << 16 << 3;
    QTest::newRow("w24 s24") << 24 << 24 << 2;
    QTest::newRow("w16 s5") << 16 << 5 << 4;
  }
  void slidingWindowPerplexityEqualsDirectSum() {
    QFETCH(int, window);
    QFETCH(int, stride);
    QFETCH(int, batch);
    const auto& tok = neo_->tokenizer();
    auto ids = tok.encode("利率上升，债券价格下降。The central bank left its benchmark interest rate unchanged, citing "
                          "steady inflation and a resilient labour market; bond yields fell slightly.");
    QVERIFY2(ids.size() > 50 && ids.size() < 256, std::to_string(ids.size()).c_str());
    const auto sum = slidingWindowNll(*neo_->model(), ids, window, stride, batch);
    QCOMPARE(sum.tokens, int64_t(ids.size()) - 1);
    // Reference, written out plainly: token t is scored by the first window [b, b + window) that
    // reaches past t (windows start every `stride`, at most window - 1), seeing ids[b .. t-1].
    const int step = std::min(stride, window - 1);
    double expected = 0;
    for (size_t t = 1; t < ids.size(); ++t) {
      size_t begin = 0;
      while (begin + size_t(window) <= t) begin += size_t(step);
      const auto context = std::vector<TokenId>(ids.begin() + long(begin), ids.begin() + long(t) + 1);
      const auto lp = directLogProbs(*neo_, context);
      expected -= lp[long(context.size()) - 2][ids[t]].item<double>();
    }
    QVERIFY2(std::abs(sum.nll - expected) < 1e-3 * expected, (std::to_string(sum.nll) + " vs " + std::to_string(expected)).c_str());
    QCOMPARE(sum.windows, slidingWindowCount(int64_t(ids.size()), window, stride));
  }

  void everyTaskRunsEndToEnd_data() {
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("scoring");
    QTest::addColumn<int>("subjects");
    QTest::addColumn<int>("items");
    QTest::newRow("ceval") << "ceval" << "ceval" << "letter" << 2 << 7;
    QTest::newRow("ceval both") << "ceval" << "ceval" << "both" << 2 << 7;
    QTest::newRow("cmmlu") << "cmmlu" << "cmmlu" << "letter" << 2 << 5;
    QTest::newRow("mmlu option") << "mmlu" << "mmlu" << "option" << 2 << 5;
    QTest::newRow("domain choice") << "domain" << "domain_choice" << "both" << 2 << 4;
    QTest::newRow("domain classify") << "domain" << "domain_classify" << "letter" << 2 << 5;
    QTest::newRow("perplexity") << "perplexity" << "perplexity" << "letter" << 2 << -1;
    QTest::newRow("gsm8k") << "gsm8k" << "gsm8k/test.jsonl" << "letter" << 1 << 2;
  }
  void everyTaskRunsEndToEnd() {
    QFETCH(QString, task);
    QFETCH(QString, data);
    QFETCH(QString, scoring);
    QFETCH(int, subjects);
    QFETCH(int, items);
    EvalRequest r;
    r.task = task.toStdString();
    r.dataPath = kEval + "/" + data.toStdString();
    r.scoring = parseChoiceScoring(scoring.toStdString());
    r.shots = 2;
    r.batchSize = 2;
    r.context = 64;
    if (task == "gsm8k") {
      r.limit = 2;
      r.maxNewTokens = 6;
    }
    std::vector<EvalProgress> seen;
    const auto report = runEvaluation(llama_, r, [&](const EvalProgress& p) { seen.push_back(p); });
    QCOMPARE(report.task, r.task);
    QCOMPARE(int(report.subjects.size()), subjects);
    QVERIFY(!report.cancelled);
    QVERIFY(!seen.empty());
    for (size_t i = 1; i < seen.size(); ++i) QVERIFY(seen[i].done > seen[i - 1].done);
    QCOMPARE(seen.back().done, seen.back().total);
    if (items >= 0) {
      QCOMPARE(int(report.items.size()), items);
      QCOMPARE(report.average.count, int64_t(items));
      QVERIFY(report.average.score >= 0 && report.average.score <= 1);
      int64_t correct = 0;
      for (const auto& item : report.items) correct += item["correct"].get<bool>();
      QCOMPARE(report.average.correct, correct);
    } else {
      QCOMPARE(report.metric, std::string("perplexity"));
      // A random model over a 2000-token vocabulary: perplexity in the hundreds or thousands.
      QVERIFY(report.average.score > 50 && report.average.score < 20000);
      QVERIFY(report.secondary.contains("bits_per_byte"));
    }
    if (r.scoring != ChoiceScoring::Letter && task != "perplexity" && task != "gsm8k")
      QVERIFY(report.secondary.contains("option_norm_accuracy") || report.secondary.contains("macro_f1"));
    if (data == "domain_classify") QVERIFY(report.secondary.contains("macro_f1"));
    // Deterministic: the same request gives the same predictions and scores.
    const auto again = runEvaluation(llama_, r);
    QCOMPARE(again.items.dump(), report.items.dump());
    QCOMPARE(again.average.score, report.average.score);
    // And the JSON report reads back.
    const auto back = EvalReport::fromJson(report.toJson(), "report.json");
    QCOMPARE(back.average.score, report.average.score);
    QCOMPARE(back.subjects.size(), report.subjects.size());
  }

  void batchSizeAndPrefixReuseDoNotChangePredictions() {
    EvalRequest r;
    r.task = "ceval";
    r.dataPath = kEval + "/ceval";
    r.shots = 3;
    r.batchSize = 1;
    const auto base = runEvaluation(neo_, r);
    r.batchSize = 4;
    const auto batched = runEvaluation(neo_, r);
    r.reusePrefix = false;
    const auto full = runEvaluation(neo_, r);
    for (const auto* other : {&batched, &full})
      for (size_t i = 0; i < base.items.size(); ++i) {
        QCOMPARE(other->items[i]["prediction"], base.items[i]["prediction"]);
        const auto& a = base.items[i]["letter_logprobs"];
        const auto& b = (*other).items[i]["letter_logprobs"];
        for (size_t k = 0; k < a.size(); ++k) QVERIFY(std::abs(a[k].get<double>() - b[k].get<double>()) < 2e-4);
      }
  }

  void subjectFilterAndLimit() {
    EvalRequest r;
    r.task = "ceval";
    r.dataPath = kEval + "/ceval";
    r.subjects = {"law"};
    r.limit = 2;
    const auto report = runEvaluation(llama_, r);
    QCOMPARE(int(report.subjects.size()), 1);
    QCOMPARE(report.subjects[0].key, std::string("law"));
    QCOMPARE(report.average.count, int64_t(2));
    r.subjects = {"astronomy"};
    try {
      runEvaluation(llama_, r);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("no subject 'astronomy' (found: computer_network, law)") != std::string::npos);
    }
  }

  void cancelStopsAtTheNextBatch() {
    EvalRequest r;
    r.task = "ceval";
    r.dataPath = kEval + "/ceval";
    r.batchSize = 1;
    std::atomic<bool> cancel{false};
    const auto report = runEvaluation(
        llama_, r, [&](const EvalProgress& p) { cancel = p.done >= 2; }, &cancel);
    QVERIFY(report.cancelled);
    QCOMPARE(report.itemsDone, int64_t(2));
    QCOMPARE(int(report.items.size()), 2);
    QVERIFY(report.markdown().find("cancelled") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestEvalScoring)
#include "test_eval_scoring.moc"
