// mindllm-studio: the desktop chat app. Thin: parse a few options, open the history database,
// show the main window. Everything else lives in ui/ (library mindllm_ui).
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTimer>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/jobs/job_progress.h"
#include "core/jobs/job_record.h"
#include "core/storage/chat_store.h"
#include "core/util/json_file.h"
#include "ui/app_settings.h"
#include "ui/assistant_catalog.h"
#include "ui/language.h"
#include "ui/models/conversation_list_model.h"
#include "ui/models/evaluation_session.h"
#include "ui/models/job_manager.h"
#include "ui/models/model_list_model.h"
#include "ui/views/evaluation_page.h"
#include "ui/views/jobs_page.h"
#include "ui/views/main_window.h"
#include "ui/views/page_switcher.h"

using namespace mindllm;

namespace {

// Checks the tasks and presses Run once the model list has been read (it is read on a worker).
void startEvaluation(ui::MainWindow& window, ui::EvaluationPage* page, const QStringList& tasks) {
  for (const QString& id : tasks)
    if (QCheckBox* box = page->taskCheckBox(id.trimmed())) box->setChecked(true);
  auto run = [page] { page->runChecked(); };
  if (!window.models()->isRefreshing() && window.models()->rowCount() > 0)
    QTimer::singleShot(0, page, run);
  else
    QObject::connect(window.models(), &ui::ModelListModel::refreshed, page, run, Qt::SingleShotConnection);
}

// Takes the screenshot once job `id` has trained `step` steps, so that the loss chart shows the
// same length of curve however busy the machine is (--screenshot-delay still bounds the wait).
void screenshotAtStep(ui::MainWindow& window, qint64 id, qint64 step, const std::function<void()>& take) {
  ui::JobManager* manager = window.jobManager();
  QObject::connect(manager, &ui::JobManager::progressChanged, &window, [&window, manager, id, step, take](qint64 changed) {
    const jobs::JobProgress* progress = changed == id ? manager->knownProgress(id) : nullptr;
    if (progress && progress->step() >= step) QTimer::singleShot(500, &window, take);  // let the chart repaint
  });
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("MindLLM"));
  QApplication::setApplicationName(QStringLiteral("MindLLM Studio"));
  QApplication::setApplicationVersion(QStringLiteral(MINDLLM_VERSION));
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("MindLLM Studio: legal and financial chat assistants"));
  cli.addHelpOption();
  cli.addVersionOption();
  QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Folder for the history database and settings."),
                             QStringLiteral("dir"));
  QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("UI language for this run: en or zh_CN."),
                          QStringLiteral("language"));
  QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model folder to use by default."),
                           QStringLiteral("dir"));
  QCommandLineOption importJson(QStringLiteral("import"), QStringLiteral("Import a JSON export at start."),
                                QStringLiteral("file"));
  QCommandLineOption openLatest(QStringLiteral("open-latest"), QStringLiteral("Open the newest conversation."));
  QCommandLineOption assistant(QStringLiteral("assistant"),
                               QStringLiteral("Start a new conversation with this assistant (general, legal, finance)."),
                               QStringLiteral("id"));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Save a picture of the window to this PNG file and quit."),
                                QStringLiteral("png"));
  QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
                                     QStringLiteral("Milliseconds before --screenshot is taken (default 1500)."),
                                     QStringLiteral("ms"), QStringLiteral("1500"));
  QCommandLineOption page(QStringLiteral("page"), QStringLiteral("Page to show at start: chat, jobs or evaluation."),
                          QStringLiteral("page"));
  QCommandLineOption submitJob(QStringLiteral("submit-job"),
                               QStringLiteral("Queue the fine-tuning job described in this JSON file (docs/UI.md)."),
                               QStringLiteral("file"));
  QCommandLineOption evaluate(QStringLiteral("evaluate"),
                              QStringLiteral("With --page evaluation: run these tasks (ids such as ceval,mmlu) at start; "
                                             "--screenshot then waits for them."),
                              QStringLiteral("tasks"));
  QCommandLineOption screenshotAtStepOption(
      QStringLiteral("screenshot-at-step"),
      QStringLiteral("With --submit-job: take --screenshot once the job has reached this step (--screenshot-delay "
                     "is then the longest wait)."),
      QStringLiteral("step"));
  cli.addOptions({dataDir, lang, model, importJson, openLatest, assistant, screenshot, screenshotDelay,
                  screenshotAtStepOption, page, submitJob, evaluate});
  cli.process(app);

  const QString dataPath = cli.isSet(dataDir) ? cli.value(dataDir)
                                              : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(dataPath);
  auto settings = cli.isSet(dataDir) ? std::make_unique<ui::AppSettings>(dataPath + QStringLiteral("/settings.ini"))
                                     : std::make_unique<ui::AppSettings>();
  const QString language = ui::chooseLanguage(cli.isSet(lang) ? cli.value(lang) : settings->languageOverride());
  ui::installTranslators(app, language);
  if (cli.isSet(model)) {  // listed with the imported models, and the default from now on
    const QString dir = QDir(cli.value(model)).absolutePath();
    settings->addImportedModel(dir);
    settings->setDefaultModel(dir);
  }

  QFile style(QStringLiteral(":/style/studio.qss"));
  if (style.open(QIODevice::ReadOnly)) app.setStyleSheet(QString::fromUtf8(style.readAll()));

  try {
    const ui::AssistantCatalog assistants = ui::AssistantCatalog::fromResources();
    storage::ChatStore store((dataPath + QStringLiteral("/chats.sqlite")).toStdString());
    store.recoverInterruptedMessages();  // answers cut off by a crash become "stopped"
    store.purgeDeleted(QDateTime::currentMSecsSinceEpoch() - qint64(30) * 24 * 3600 * 1000);
    if (cli.isSet(importJson)) store.importJson(cli.value(importJson).toStdString());

    ui::MainWindow window(store, assistants, *settings, language);
    if (cli.isSet(openLatest)) {
      // The most recently active conversation, pinned or not.
      const auto* list = window.conversations();
      int newest = -1;
      for (int row = 0; row < list->rowCount(); ++row)
        if (newest < 0 || list->conversationAt(row)->updatedAt > list->conversationAt(newest)->updatedAt) newest = row;
      if (newest >= 0) window.openConversation(list->idAt(newest));
    }
    if (cli.isSet(assistant) && !window.newConversationWith(cli.value(assistant)))
      throw std::runtime_error("--assistant: no assistant '" + cli.value(assistant).toStdString() + "' (known: " +
                               assistants.ids().join(QStringLiteral(", ")).toStdString() + ")");
    std::optional<qint64> submittedJob;
    if (cli.isSet(submitJob)) {  // shown on the Jobs page, selected
      const std::string file = cli.value(submitJob).toStdString();
      const QString dir = QFileInfo(cli.value(submitJob)).absolutePath();
      const jobs::Job job =
          window.jobManager()->submit(jobs::jobDraftFromJson(readJsonFile(file), file, dir.toStdString()));
      window.pages()->showPage(QStringLiteral("jobs"));
      window.jobsPage()->selectJob(job.id);
      submittedJob = job.id;
    }
    if (cli.isSet(page)) window.pages()->showPage(cli.value(page));
    window.show();
    ui::EvaluationPage* evaluation = cli.value(page) == QStringLiteral("evaluation") ? window.evaluationPage() : nullptr;
    if (evaluation && cli.isSet(evaluate))
      startEvaluation(window, evaluation, cli.value(evaluate).split(QLatin1Char(',')));
    if (cli.isSet(screenshot)) {
      const QString png = cli.value(screenshot);
      auto taken = std::make_shared<bool>(false);  // by whichever comes first: the step or the delay
      auto take = [&window, png, taken] {
        if (*taken) return;
        *taken = true;
        const bool ok = window.grab().save(png);
        QApplication::exit(ok ? 0 : 1);
      };
      // Give layouts, the model list and Markdown rendering time to settle (a job time to run, or
      // the evaluation time to end).
      if (evaluation && cli.isSet(evaluate))
        QObject::connect(evaluation->session(), &ui::EvaluationSession::finished, &window, [&window, take] {
          QTimer::singleShot(800, &window, take);
        });
      else
        QTimer::singleShot(cli.value(screenshotDelay).toInt(), &window, take);
      if (submittedJob && cli.isSet(screenshotAtStepOption))
        screenshotAtStep(window, *submittedJob, cli.value(screenshotAtStepOption).toLongLong(), take);
    }
    return app.exec();
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, QStringLiteral("MindLLM Studio"), QString::fromUtf8(e.what()));
    return 1;
  }
}
