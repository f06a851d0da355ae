// The Jobs page's real widgets, offscreen, with jobs run by the fake trainer
// (tests/ui/fake_trainer.cpp): the New job dialog (defaults by model size, dataset check and
// preview, a malformed line named by number, name rules), the page (a job created from the
// dialog, live progress bar, loss chart and log, Pause, Resume, Use in chat), and the main window
// (the Jobs page in the navigation, a finished job's model in the chat's model list, a chat with
// it, closing the window during a job).
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

#include "core/io/model_folder.h"
#include "core/jobs/job_store.h"
#include "ui/models/chat_session.h"
#include "ui/models/job_list_model.h"
#include "ui/models/job_manager.h"
#include "ui/models/model_list_model.h"
#include "ui/views/chat_input.h"
#include "ui/views/chat_pane.h"
#include "ui/views/job_detail_view.h"
#include "ui/views/jobs_page.h"
#include "ui/views/loss_chart.h"
#include "ui/views/main_window.h"
#include "ui/views/new_job_dialog.h"
#include "ui/views/page_switcher.h"
#include "job_test_support.h"
#include "ui_test_support.h"

using namespace mindllm;
using namespace mindllm::ui;
using jobs::JobState;

namespace {

// A job manager and a model list over a fresh profile, with the tiny model as the only base model.
struct JobsFixture {
  test::TempProfile profile;
  JobPaths paths = JobPaths::under(profile.dir.path());
  JobManager manager{profile.dbPath(), paths};
  ModelListModel models;

  explicit JobsFixture(const QString& baseModel) {
    manager.setProgram(test::fakeTrainer());
    QSignalSpy refreshed(&models, &ModelListModel::refreshed);
    ModelSources sources;
    sources.shipped << baseModel;
    sources.fineTunedRoot = paths.fineTunedRoot;
    models.setSources(sources);
    if (!refreshed.wait(20000)) qFatal("model list never refreshed");
  }
  QString dataset(int samples, int badLine = 0, const QString& name = QStringLiteral("train.jsonl")) {
    return test::writeDataset(profile.path(name), samples, badLine);
  }
};

bool waitValidated(NewJobDialog& dialog, bool expected, int timeoutMs = 20000) {
  QSignalSpy spy(&dialog, &NewJobDialog::validated);
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    if (!spy.isEmpty() && spy.last()[0].toBool() == expected && dialog.isValid() == expected) return true;
    spy.wait(200);
  }
  return false;
}

}  // namespace

class TestJobsPage : public QObject {
  Q_OBJECT
  QTemporaryDir models_;
  QString base_;

private Q_SLOTS:
  void initTestCase() {
    qputenv("FAKE_TRAINER_STEP_MS", "25");
    base_ = models_.filePath(QStringLiteral("tiny-llama"));
    initModelFolder(base_.toStdString(), "tiny-llama", MINDLLM_FIXTURES_DIR "/tokenizer/bpe");
  }

  void dialogDefaultsFollowTheModelAndMethod() {
    JobsFixture f(base_);
    NewJobDialog dialog(&f.manager, &f.models, {QStringLiteral("cpu")});
    QCOMPARE(dialog.modelPicker()->count(), 1);
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("tiny-llama-lora"));
    const jobs::JobDraft lora = dialog.draft();
    QCOMPARE(lora.method, std::string("lora"));
    QCOMPARE(lora.command, std::string("finetune"));
    QCOMPARE(lora.baseModel, QDir::cleanPath(base_).toStdString());
    // A tiny model: the small-model defaults (core/jobs/job_hyperparameters.cpp).
    const jobs::JobHyperparameters expected = jobs::defaultHyperparameters(
        f.models.index(0).data(ModelListModel::ParametersRole).toLongLong(),
        f.models.index(0).data(ModelListModel::ContextLengthRole).toInt(), "lora");
    QCOMPARE(lora.hyperparameters.microBatch, expected.microBatch);
    QCOMPARE(lora.hyperparameters.seqLen, expected.seqLen);
    QCOMPARE(dialog.learningRateBox()->value(), expected.lr);
    QVERIFY(dialog.loraRankBox()->isEnabled());
    dialog.setMethod(QStringLiteral("full"));
    QVERIFY(dialog.learningRateBox()->value() < expected.lr);
    QVERIFY(!dialog.loraRankBox()->isEnabled());
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("tiny-llama-full"));
    QVERIFY(!dialog.createButton()->isEnabled());  // no data yet
    QVERIFY(dialog.resultText().contains(QStringLiteral("training data")));
    QVERIFY(!dialog.maxStepsBox()->isEnabled());  // epochs decide the steps
    dialog.epochsBox()->setValue(0);
    QVERIFY(dialog.maxStepsBox()->isEnabled());
    QCOMPARE(dialog.draft().hyperparameters.epochs, int64_t(0));
  }

  void dialogChecksTheDatasetAndShowsSamples() {
    JobsFixture f(base_);
    const std::string before = jobs_test::dumpDatabase(f.profile.dbPath().toStdString());
    NewJobDialog dialog(&f.manager, &f.models, {QStringLiteral("cpu")});
    dialog.show();
    dialog.setDataset(f.dataset(40));
    QVERIFY2(waitValidated(dialog, true), qPrintable(dialog.resultText()));
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY2(dialog.resultText().contains(QStringLiteral("40 samples")), qPrintable(dialog.resultText()));
    const QString preview = dialog.previewText();
    QVERIFY2(preview.contains(QStringLiteral("40 sample")) && preview.contains(QStringLiteral("format alpaca")),
             qPrintable(preview));
    QVERIFY(preview.contains(QStringLiteral("Line 1")) && preview.contains(QStringLiteral("Line 3")));
    QVERIFY(!preview.contains(QStringLiteral("Line 4")));
    QVERIFY(preview.contains(QStringLiteral("合同第1条的违约责任是什么？")));
    QVERIFY(preview.contains(QStringLiteral("Assistant: 违约方应当承担")));

    // A malformed line: named by number, Create off, nothing stored.
    const QString bad = f.dataset(30, 17, QStringLiteral("bad.jsonl"));
    dialog.setDataset(bad);
    QVERIFY(waitValidated(dialog, false));
    QVERIFY2(dialog.resultText().contains(QStringLiteral("bad.jsonl:17: field \"output\" missing")),
             qPrintable(dialog.resultText()));
    QVERIFY(!dialog.createButton()->isEnabled());
    QCOMPARE(jobs_test::dumpDatabase(f.profile.dbPath().toStdString()), before);

    // The command's own check has the last word: a program that cannot run blocks Create.
    dialog.setProgram(f.profile.path(QStringLiteral("no-such-cli")));
    dialog.setDataset(f.dataset(5, 0, QStringLiteral("small.jsonl")));
    QVERIFY(waitValidated(dialog, false));
    QVERIFY2(dialog.resultText().contains(QStringLiteral("no-such-cli")), qPrintable(dialog.resultText()));
  }

  void dialogRefusesTakenAndBadNames() {
    JobsFixture f(base_);
    const QString data = f.dataset(10);
    f.manager.submit(test::fakeDraft("taken", base_, data, 2));
    NewJobDialog dialog(&f.manager, &f.models, {QStringLiteral("cpu")});
    dialog.setDataset(data);
    QVERIFY(waitValidated(dialog, true));
    QTest::keyClick(dialog.nameEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("taken"));
    QVERIFY(!dialog.createButton()->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("hint"))->text().contains(QStringLiteral("already called")));
    dialog.nameEdit()->setText(QStringLiteral("a/b"));
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("law-assistant"));
    QVERIFY(dialog.createButton()->isEnabled());
  }

  void pageRunsAJobWithLiveProgressChartAndLog() {
    JobsFixture f(base_);
    JobsPage page(&f.manager, &f.models);
    page.resize(1100, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy use(&page, &JobsPage::useModelRequested);

    NewJobDialog* dialog = page.createNewJobDialog();
    dialog->show();
    dialog->epochsBox()->setValue(0);
    dialog->maxStepsBox()->setValue(60);
    dialog->setDataset(f.dataset(40));
    QVERIFY2(waitValidated(*dialog, true), qPrintable(dialog->resultText()));
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);

    QTRY_COMPARE(page.list()->rowCount(), 1);
    const qint64 id = page.list()->idAt(0);
    QCOMPARE(page.selectedJob(), id);
    JobDetailView* detail = page.detail();
    QCOMPARE(f.manager.job(id)->name, std::string("tiny-llama-lora"));

    // Live: the bar moves, the chart and the log fill while the job runs.
    QTRY_VERIFY_WITH_TIMEOUT(detail->progressBar()->value() > 100, 20000);
    QVERIFY(f.manager.job(id)->state == JobState::Running);
    QTRY_VERIFY(detail->chart()->trainPointCount() >= 5);
    QTRY_VERIFY(detail->logView()->toPlainText().contains(QStringLiteral("step ")));
    QVERIFY(detail->progressLabel()->text().contains(QStringLiteral("of 60")));
    QVERIFY(detail->pauseButton()->isVisible() && detail->pauseButton()->isEnabled());
    QVERIFY(!detail->resumeButton()->isVisible());
    QCOMPARE(page.list()->index(0).data(JobListModel::StateTextRole).toString(), QStringLiteral("Running"));
    QVERIFY(!page.listView()->grab().isNull());  // the delegate paints a running job

    QTest::mouseClick(detail->pauseButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(f.manager.job(id)->state, JobState::Paused, 10000);
    QTRY_VERIFY(detail->resumeButton()->isVisible());
    QVERIFY(!detail->pauseButton()->isVisible());
    QCOMPARE(detail->stateLabel()->text(), QStringLiteral("Paused"));
    const int pausedValue = detail->progressBar()->value();
    QVERIFY(pausedValue > 0 && pausedValue < 1000);

    QTest::mouseClick(detail->resumeButton(), Qt::LeftButton);
    QVERIFY(test::waitForState(f.manager, id, JobState::Succeeded));
    QTRY_COMPARE(detail->progressBar()->value(), 1000);
    QTRY_COMPARE(detail->chart()->trainPointCount(), 60);
    QVERIFY(detail->chart()->valPointCount() >= 1);
    QVERIFY(detail->useButton()->isVisible());
    QVERIFY(!detail->pauseButton()->isVisible() && !detail->resumeButton()->isVisible());
    QTest::mouseClick(detail->useButton(), Qt::LeftButton);
    QCOMPARE(use.size(), 1);
    QCOMPARE(use[0][0].toString(), f.paths.fineTunedRoot + QStringLiteral("/tiny-llama-lora"));
  }

  void mainWindowChatsWithTheFineTunedModel() {
    test::TempProfile profile;
    AssistantCatalog assistants = test::testAssistants();
    auto window = std::make_unique<MainWindow>(*profile.store, assistants, *profile.settings, QStringLiteral("en"));
    window->jobManager()->setProgram(test::fakeTrainer());
    QSignalSpy refreshed(window->models(), &ModelListModel::refreshed);
    ModelSources sources;
    sources.shipped << base_;
    sources.fineTunedRoot = window->jobManager()->paths().fineTunedRoot;
    window->setModelSources(sources);
    QVERIFY(refreshed.wait(20000));
    window->resize(1180, 760);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    QCOMPARE(window->pages()->currentPage(), QStringLiteral("chat"));
    QTest::mouseClick(window->pages()->button(QStringLiteral("jobs")), Qt::LeftButton);
    QCOMPARE(window->pages()->currentPage(), QStringLiteral("jobs"));

    const QString data = test::writeDataset(profile.path(QStringLiteral("law.jsonl")), 20);
    JobManager* jobs = window->jobManager();
    const qint64 id = jobs->submit(test::fakeDraft("law-tuned", base_, data, 6)).id;
    QVERIFY(test::waitForState(*jobs, id, JobState::Succeeded));
    // The model list refreshes by itself and offers the new model.
    const QString tuned = sources.fineTunedRoot + QStringLiteral("/law-tuned");
    QTRY_VERIFY_WITH_TIMEOUT(window->models()->rowOfDir(tuned) >= 0, 20000);
    const QModelIndex row = window->models()->index(window->models()->rowOfDir(tuned));
    QVERIFY(row.data(ModelListModel::UsableRole).toBool());

    window->jobsPage()->selectJob(id);
    QTRY_VERIFY(window->jobsPage()->detail()->useButton()->isVisible());
    QTest::mouseClick(window->jobsPage()->detail()->useButton(), Qt::LeftButton);
    QCOMPARE(window->pages()->currentPage(), QStringLiteral("chat"));
    QCOMPARE(window->session()->modelDir(), tuned);

    QSignalSpy loaded(window->generationWorker(), &GenerationWorker::modelLoaded);
    GenerationSettings settings;
    settings.temperature = 0;
    settings.maxTokens = 12;
    window->session()->setGenerationSettings(settings);
    ChatInput* input = window->chatPane()->input();
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("What does the contract say?"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(window->session()->isGenerating(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->session()->isGenerating(), 60000);
    const auto messages = profile.store->messages(window->session()->conversationId());
    QCOMPARE(messages.size(), size_t(2));
    QCOMPARE(messages[1].state, storage::MessageState::Complete);
    QVERIFY(messages[1].tokens > 0);
    // The answer came from the fine-tuned model.
    QVERIFY(!loaded.isEmpty());
    QCOMPARE(loaded.last()[0].value<ModelSummary>().dir, tuned);

    // Closing the window in the middle of a job: quick, and the job is interrupted, resumable.
    const qint64 running = jobs->submit(test::fakeDraft("closed-mid-run", base_, data, 400)).id;
    QTRY_VERIFY_WITH_TIMEOUT(jobs->progress(running).step() >= 3, 20000);
    QElapsedTimer t;
    t.start();
    window->close();
    window.reset();
    QVERIFY(t.elapsed() < 10000);
    const jobs::Job after = jobs::JobStore(profile.dbPath().toStdString()).require(running);
    QCOMPARE(after.state, JobState::Interrupted);
    QVERIFY(after.step >= 3);
  }
};

QTEST_MAIN(TestJobsPage)
#include "test_jobs_page.moc"
