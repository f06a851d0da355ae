// The Evaluation page on the offscreen platform with a real (tiny, randomly initialised) model and
// a real database: run a fixture task and see the progress bar move, the score in the table equal
// to what runEvaluation() returns for the same request, the run in the database and, after a
// second run, both side by side in the chart; the runs are listed again by a new page (restart).
// Cancel stops a long run, which is stored as cancelled, and so does closing the page mid-run. Broken data shows the file and line and
// stores nothing. The chart puts the tasks of one Run (same model and settings) in one bar set.
#include <QBarSeries>
#include <QBarSet>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenuBar>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QtTest>
#include <chrono>
#include <fstream>
#include <thread>

#include "core/io/model_folder.h"
#include "core/storage/eval_run_store.h"
#include "training/eval/eval_runner.h"
#include "ui/models/eval_run_list_model.h"
#include "ui/models/evaluation_session.h"
#include "ui/models/model_list_model.h"
#include "ui/views/eval_comparison_chart.h"
#include "ui/views/evaluation_page.h"
#include "ui/views/main_window.h"
#include "ui/views/page_switcher.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;

namespace {

const QString kFixtures = QStringLiteral(MINDLLM_FIXTURES_DIR "/eval");

// A page over the database in `dbPath`, offering the fixture tasks, with the test model picked.
struct Page {
  ModelListModel models;
  std::unique_ptr<EvaluationPage> page;

  Page(const QString& modelDir, const QString& dbPath) {
    QSignalSpy refreshed(&models, &ModelListModel::refreshed);
    ModelSources sources;
    sources.shipped << modelDir;
    models.setSources(sources);
    if (!refreshed.wait(20000)) qFatal("model list never refreshed");
    EvalDataRoots roots;
    roots.benchmarks << kFixtures;
    page = std::make_unique<EvaluationPage>(&models, dbPath, evalTaskPresets(roots));
    page->resize(1100, 760);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get())) qFatal("page not exposed");
  }
  EvaluationSession* session() const { return page->session(); }
  QString cell(int row, int column) const {
    return page->runsView()->model()->index(row, column).data().toString();
  }
  // Presses Run and waits until the job is over; returns whether it finished.
  bool runAndWait(int timeoutMs = 60000) {
    QSignalSpy finished(session(), &EvaluationSession::finished);
    QTest::mouseClick(page->runButton(), Qt::LeftButton);
    return finished.wait(timeoutMs);
  }
};

eval::EvalReport referenceReport(const QString& modelDir, const QString& data, int shots, eval::ChoiceScoring scoring) {
  eval::EvalRequest request;
  request.task = "domain";
  request.dataPath = data.toStdString();
  request.shots = shots;
  request.scoring = scoring;
  return eval::runEvaluation(loadModelFolder(modelDir.toStdString(), DeviceSpec::parse("cpu")), request);
}

}  // namespace

class TestEvaluationPage : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString modelDir_;

  QString dbPath(const QString& name) const { return dir_.filePath(name); }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    modelDir_ = dir_.filePath("tiny-llama");
    initModelFolder(modelDir_.toStdString(), "tiny-llama", MINDLLM_FIXTURES_DIR "/tokenizer/bpe", 5);
  }

  void presetsPointAtTheShippedSamples() {
    EvalDataRoots roots;
    roots.benchmarks << "/nonexistent" << kFixtures;
    roots.domains << dir_.path();
    QDir().mkpath(dir_.filePath("law/eval/contract_choice"));
    QFile task(dir_.filePath("law/eval/contract_choice/task.json"));
    QVERIFY(task.open(QIODevice::WriteOnly));
    task.write("{\"type\": \"choice\"}");
    task.close();
    const auto presets = evalTaskPresets(roots);
    auto find = [&](const QString& id) -> const EvalTaskPreset* {
      for (const auto& p : presets)
        if (p.id == id) return &p;
      return nullptr;
    };
    QVERIFY(find("ceval"));
    QCOMPARE(find("ceval")->dataPath, kFixtures + "/ceval");
    QCOMPARE(find("gsm8k")->dataPath, kFixtures + "/gsm8k/test.jsonl");
    QCOMPARE(find("domain_choice")->task, QStringLiteral("domain"));
    QVERIFY(find("law/contract_choice"));
    QCOMPARE(find("law/contract_choice")->dataPath, dir_.filePath("law/eval/contract_choice"));
    QVERIFY(!find("finance/contract_choice"));
  }

  void runShowsTheScoreStoresItAndCompares() {
    const QString db = dbPath("run.sqlite");
    const QString data = kFixtures + "/domain_choice";
    {
      Page p(modelDir_, db);
      QCOMPARE(p.page->modelPicker()->currentText(), QStringLiteral("tiny-llama"));
      QCOMPARE(p.page->runsView()->model()->rowCount(), 0);
      p.page->taskCheckBox("domain_choice")->setChecked(true);
      QCOMPARE(p.page->dataPathEdit("domain_choice")->text(), data);
      p.page->shotsSpin()->setValue(1);
      QList<int> progressValues;
      connect(p.page->progressBar(), &QProgressBar::valueChanged, this, [&](int v) { progressValues << v; });
      QSignalSpy progress(p.session(), &EvaluationSession::progressChanged);
      QSignalSpy stored(p.session(), &EvaluationSession::runStored);
      QVERIFY(p.runAndWait());
      QVERIFY2(p.page->errorLabel()->isHidden(), qPrintable(p.page->errorLabel()->text()));
      QCOMPARE(stored.count(), 1);
      QVERIFY(progress.count() >= 1);
      const auto last = progress.last().at(0).value<EvalTaskProgress>();
      QVERIFY(last.total > 0);
      QCOMPARE(last.done, last.total);
      QVERIFY(progressValues.contains(static_cast<int>(last.total)));
      QCOMPARE(p.page->progressBar()->value(), p.page->progressBar()->maximum());
      QVERIFY(p.page->statusLabel()->text().contains("Finished"));
      QVERIFY(p.page->runButton()->isEnabled());
      QVERIFY(!p.page->cancelButton()->isEnabled());

      // The same request straight through the harness gives the same score.
      const eval::EvalReport expected = referenceReport(modelDir_, data, 1, eval::ChoiceScoring::Letter);
      QCOMPARE(p.page->runsView()->model()->rowCount(), 1);
      QCOMPARE(p.cell(0, EvalRunListModel::ScoreColumn),
               QString::number(expected.average.score * 100.0, 'f', 1) + QLatin1Char('%'));
      QCOMPARE(p.cell(0, EvalRunListModel::StateColumn), QStringLiteral("done"));
      QCOMPARE(p.cell(0, EvalRunListModel::ModelColumn), QStringLiteral("tiny-llama"));

      storage::EvalRunStore store(db.toStdString());
      auto runs = store.list();
      QCOMPARE(runs.size(), size_t{1});
      QCOMPARE(runs[0].state, storage::EvalRunState::Done);
      QCOMPARE(runs[0].task, std::string("domain"));
      QCOMPARE(runs[0].shots, 1);
      QCOMPARE(runs[0].dataPath, data.toStdString());
      QVERIFY(qAbs(runs[0].score - expected.average.score) < 1e-9);
      QCOMPARE(runs[0].itemsDone, expected.itemsDone);
      QCOMPARE(runs[0].group("average", "average")->count, expected.average.count);
      QVERIFY(!expected.subjects.empty());
      for (const auto& subject : expected.subjects) {
        const storage::EvalGroupScore* g = runs[0].group("subject", subject.key);
        QVERIFY2(g, subject.key.c_str());
        QVERIFY(qAbs(g->score - subject.score) < 1e-9);
        QCOMPARE(g->count, subject.count);
      }
      QCOMPARE(p.page->chart()->series()->count(), 1);

      // A second run, with option scoring, stands beside the first in the chart.
      p.page->scoringPicker()->setCurrentIndex(p.page->scoringPicker()->findData("option"));
      QVERIFY(p.runAndWait());
      QCOMPARE(p.page->runsView()->model()->rowCount(), 2);
      const eval::EvalReport second = referenceReport(modelDir_, data, 1, eval::ChoiceScoring::Option);
      QCOMPARE(p.cell(0, EvalRunListModel::ScoreColumn),
               QString::number(second.average.score * 100.0, 'f', 1) + QLatin1Char('%'));
      QBarSeries* series = p.page->chart()->series();
      QCOMPARE(series->count(), 2);
      QCOMPARE(p.page->chart()->categories().size(), 1);  // one task, two bars side by side
      QVERIFY(qAbs(series->barSets()[0]->at(0) - expected.average.score * 100.0) < 1e-6);  // oldest first
      QVERIFY(qAbs(series->barSets()[1]->at(0) - second.average.score * 100.0) < 1e-6);
      runs = store.list();
      QCOMPARE(runs.size(), size_t{2});
      QCOMPARE(runs[0].scoring, std::string("option"));

      // Selecting one run charts only that run.
      p.page->runsView()->selectRow(1);
      QCOMPARE(p.page->chart()->series()->count(), 1);
      QCOMPARE(p.page->chart()->series()->barSets()[0]->label(), EvalComparisonChart::runLabel(runs[1]));
    }
    // A new page on the same database (the app restarted) lists both runs.
    Page again(modelDir_, db);
    QCOMPARE(again.page->runsView()->model()->rowCount(), 2);
    QCOMPARE(again.page->chart()->series()->count(), 2);
    // Delete one.
    again.page->runsView()->selectRow(0);
    QTest::mouseClick(again.page->deleteButton(), Qt::LeftButton);
    QCOMPARE(again.page->runsView()->model()->rowCount(), 1);
    QCOMPARE(storage::EvalRunStore(db.toStdString()).list().size(), size_t{1});
  }

  void chartGroupsTheTasksOfOneRunIntoOneBarSet() {
    // As the page passes them: newest first. Two presses of Run with the same settings on C-Eval
    // and MMLU, then C-Eval with option scoring, a perplexity run and a failed run (both left out).
    auto run = [](int64_t id, const char* title, double score, const char* scoring = "letter") {
      storage::EvalRun r;
      r.id = id;
      r.modelDir = "/models/tiny";
      r.modelName = "tiny";
      r.task = "ceval";
      r.title = title;
      r.scoring = scoring;
      r.score = score;
      return r;
    };
    storage::EvalRun perplexity = run(7, "wiki", 35.0);
    perplexity.metric = "perplexity";
    storage::EvalRun failed = run(6, "C-Eval", 0.9);
    failed.state = storage::EvalRunState::Failed;
    const std::vector<storage::EvalRun> runs = {perplexity, failed, run(5, "C-Eval", 0.4, "option"),
                                                run(4, "MMLU", 0.3), run(3, "C-Eval", 0.6),
                                                run(2, "MMLU", 0.25), run(1, "C-Eval", 0.5)};
    EvalComparisonChart chart;
    chart.setRuns(runs);
    QCOMPARE(chart.categories(), (QStringList{"C-Eval", "MMLU"}));  // in the order they were run
    const QList<QBarSet*> sets = chart.series()->barSets();
    QCOMPARE(sets.size(), 3);
    const std::vector<std::pair<int64_t, QList<double>>> expected = {
        {1, {50.0, 25.0}}, {3, {60.0, 30.0}}, {5, {40.0, 0.0}}};
    for (int i = 0; i < sets.size(); ++i) {
      QCOMPARE(sets[i]->label(), EvalComparisonChart::runLabel(run(expected[size_t(i)].first, "", 0)));
      QCOMPARE(sets[i]->count(), 2);
      for (int c = 0; c < 2; ++c) QVERIFY(qAbs(sets[i]->at(c) - expected[size_t(i)].second[c]) < 1e-9);
    }
  }

  void cancelStopsTheRunAndStoresItAsCancelled() {
    // 400 questions, and a worker slowed down to 40 ms a batch: long enough to press Cancel.
    const QString big = dir_.filePath("big.jsonl");
    {
      std::ofstream out(big.toStdString());
      for (int i = 0; i < 400; ++i)
        out << "{\"id\": " << i << ", \"question\": \"问题" << i
            << "？\", \"options\": [\"甲\", \"乙\", \"丙\", \"丁\"], \"answer\": \"B\"}\n";
    }
    const QString db = dbPath("cancel.sqlite");
    Page p(modelDir_, db);
    connect(
        p.session()->worker(), &EvaluationWorker::progress, p.session()->worker(),
        [] { std::this_thread::sleep_for(std::chrono::milliseconds(40)); }, Qt::DirectConnection);
    p.page->taskCheckBox("domain_choice")->setChecked(true);
    p.page->dataPathEdit("domain_choice")->setText(big);
    p.page->shotsSpin()->setValue(0);
    QSignalSpy finished(p.session(), &EvaluationSession::finished);
    QTest::mouseClick(p.page->runButton(), Qt::LeftButton);
    QVERIFY(p.page->cancelButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(p.page->progressBar()->value() > 0, 30000);
    QCOMPARE(p.page->progressBar()->maximum(), 400);
    QTest::mouseClick(p.page->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(p.page->statusLabel()->text().contains("Cancelled"));
    const auto runs = storage::EvalRunStore(db.toStdString()).list();
    QCOMPARE(runs.size(), size_t{1});
    QCOMPARE(runs[0].state, storage::EvalRunState::Cancelled);
    QVERIFY(runs[0].itemsDone > 0);
    QVERIFY2(runs[0].itemsDone < 400, qPrintable(QString::number(runs[0].itemsDone)));
    QCOMPARE(p.cell(0, EvalRunListModel::StateColumn), QStringLiteral("cancelled"));

    // Closing the page mid-run (the app quitting) cancels too and still stores the part that ran.
    QTest::mouseClick(p.page->runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(p.page->progressBar()->value() > 0, 30000);
    QElapsedTimer closing;
    closing.start();
    p.page.reset();
    QVERIFY2(closing.elapsed() < 5000, qPrintable(QString::number(closing.elapsed())));
    const auto after = storage::EvalRunStore(db.toStdString()).list();
    QCOMPARE(after.size(), size_t{2});
    QCOMPARE(after[0].state, storage::EvalRunState::Cancelled);
    QVERIFY(after[0].itemsDone < 400);
  }

  void brokenDataShowsFileAndLineAndStoresNothing() {
    const QString db = dbPath("broken.sqlite");
    Page p(modelDir_, db);
    p.page->taskCheckBox("domain_choice")->setChecked(true);
    p.page->dataPathEdit("domain_choice")->setText(kFixtures + "/malformed/choice_bad_answer.jsonl");
    QVERIFY(p.runAndWait());
    QVERIFY(p.page->errorLabel()->isVisible());
    const QString error = p.page->errorLabel()->text();
    QVERIFY2(error.contains("choice_bad_answer.jsonl:2:"), qPrintable(error));
    QVERIFY2(error.contains("answer"), qPrintable(error));
    QCOMPARE(p.page->runsView()->model()->rowCount(), 0);
    QCOMPARE(storage::EvalRunStore(db.toStdString()).list().size(), size_t{0});
    QVERIFY(p.page->runButton()->isEnabled());
  }

  // The Evaluation page is a page of the main window's navigation rail, beside Chat and Jobs.
  void mainWindowOpensThePageOnItsDatabase() {
    test::TempProfile profile;
    const AssistantCatalog assistants = test::testAssistants();
    MainWindow window(*profile.store, assistants, *profile.settings, QStringLiteral("en"));
    QSignalSpy refreshed(window.models(), &ModelListModel::refreshed);
    ModelSources sources;
    sources.shipped << modelDir_;
    window.setModelSources(sources);
    QVERIFY(refreshed.wait(20000));
    window.show();
    QCOMPARE(window.pages()->currentPage(), QStringLiteral("chat"));
    QVERIFY(window.pages()->button(QStringLiteral("evaluation")));
    QCOMPARE(window.pages()->button(QStringLiteral("evaluation"))->text(), QStringLiteral("Evaluation"));
    QAction* open = nullptr;
    for (QAction* a : window.menuBar()->findChildren<QAction*>())
      if (a->text() == QStringLiteral("&Evaluation…")) open = a;
    QVERIFY(open);
    open->trigger();
    QCOMPARE(window.pages()->currentPage(), QStringLiteral("evaluation"));
    EvaluationPage* page = window.evaluationPage();
    QVERIFY(page);
    QCOMPARE(window.pages()->page(QStringLiteral("evaluation")), page);
    QCOMPARE(page->window(), &window);  // not a window of its own
    QTRY_VERIFY(page->isVisible());
    window.pages()->showPage(QStringLiteral("jobs"));
    QVERIFY(!page->isVisible());
    window.pages()->button(QStringLiteral("evaluation"))->click();
    QCOMPARE(window.pages()->currentPage(), QStringLiteral("evaluation"));
    QVERIFY(page->isVisible());
    QCOMPARE(page->modelPicker()->currentText(), QStringLiteral("tiny-llama"));
    QVERIFY(page->taskCheckBox("ceval"));
    QCOMPARE(QString::fromStdString(page->session()->store().path()), profile.dbPath());
    window.shutdown();
    QVERIFY(!window.evaluationPage());  // closed with the window
  }
};

QTEST_MAIN(TestEvaluationPage)
#include "test_evaluation_page.moc"
