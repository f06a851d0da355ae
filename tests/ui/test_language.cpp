// Translations: the zh_CN catalogue is complete, compiled into the app, and loads; the language is
// chosen from the locale unless overridden.
#include <QApplication>
#include <QFile>
#include <QtTest>

#include "ui/language.h"

using namespace mindllm::ui;

class TestLanguage : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void choosesFromLocaleOrOverride() {
    QCOMPARE(languageFromLocale("zh_CN"), QStringLiteral("zh_CN"));
    QCOMPARE(languageFromLocale("zh_TW"), QStringLiteral("zh_CN"));
    QCOMPARE(languageFromLocale("en_GB"), QStringLiteral("en"));
    QCOMPARE(languageFromLocale("de_DE"), QStringLiteral("en"));
    QCOMPARE(chooseLanguage("zh_CN"), QStringLiteral("zh_CN"));
    QCOMPARE(chooseLanguage("en"), QStringLiteral("en"));
    QCOMPARE(chooseLanguage("klingon"), languageFromLocale(QLocale::system().name()));
  }

  void chineseCatalogueIsComplete() {
    // Every string in the .ts has a finished translation (a new tr() without one fails here).
    QFile file(MINDLLM_SOURCE_DIR "/ui/i18n/mindllm_zh_CN.ts");
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString xml = QString::fromUtf8(file.readAll());
    int messages = 0;
    QRegularExpression unfinished("<translation[^>]*type=\"(unfinished|vanished|obsolete)\"");
    QVERIFY2(!unfinished.match(xml).hasMatch(), "ui/i18n/mindllm_zh_CN.ts has unfinished translations");
    QRegularExpression message("<message");
    for (auto it = message.globalMatch(xml); it.hasNext(); it.next()) ++messages;
    QVERIFY(messages > 100);
  }

  void chineseLoadsAndTranslates() {
    QVERIFY(installTranslators(*qApp, "zh_CN"));
    QCOMPARE(QCoreApplication::translate("mindllm::ui::ChatPane", "Send"), QStringLiteral("发送"));
    QCOMPARE(QCoreApplication::translate("mindllm::ui::ConversationListModel", "Yesterday"), QStringLiteral("昨天"));
    // Plural forms.
    QCOMPARE(QCoreApplication::translate("mindllm::ui::HistoryDialog", "%n conversation(s)", nullptr, 3),
             QStringLiteral("3 个对话"));
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    // Back to English: the Chinese translator is removed.
    QVERIFY(installTranslators(*qApp, "en"));
    QCOMPARE(QCoreApplication::translate("mindllm::ui::ChatPane", "Send"), QStringLiteral("Send"));
  }

  void displayNames() {
    QCOMPARE(languageDisplayName("zh_CN"), QStringLiteral("简体中文"));
    QCOMPARE(languageDisplayName("en"), QStringLiteral("English"));
  }
};

QTEST_GUILESS_MAIN(TestLanguage)
#include "test_language.moc"
