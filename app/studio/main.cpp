// mindllm-studio: the desktop chat app. Thin: parse a few options, open the history database,
// show the main window. Everything else lives in ui/ (library mindllm_ui).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTimer>
#include <exception>
#include <memory>

#include "core/storage/chat_store.h"
#include "ui/app_settings.h"
#include "ui/assistant_catalog.h"
#include "ui/language.h"
#include "ui/models/conversation_list_model.h"
#include "ui/views/main_window.h"

using namespace mindllm;

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
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Save a picture of the window to this PNG file and quit."),
                                QStringLiteral("png"));
  cli.addOptions({dataDir, lang, model, importJson, openLatest, screenshot});
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
    window.show();
    if (cli.isSet(screenshot)) {
      const QString png = cli.value(screenshot);
      // Give layouts, the model list and Markdown rendering time to settle.
      QTimer::singleShot(1500, &window, [&window, png] {
        const bool ok = window.grab().save(png);
        QApplication::exit(ok ? 0 : 1);
      });
    }
    return app.exec();
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, QStringLiteral("MindLLM Studio"), QString::fromUtf8(e.what()));
    return 1;
  }
}
