#include "ui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace mindllm::ui {

QString languageFromLocale(const QString& localeName) {
  return localeName.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString chooseLanguage(const QString& override) {
  if (override == QLatin1String("en") || override == QLatin1String("zh_CN")) return override;
  return languageFromLocale(QLocale::system().name());
}

bool installTranslators(QCoreApplication& app, const QString& language) {
  static QPointer<QTranslator> appTranslator;
  static QPointer<QTranslator> qtTranslator;
  for (QTranslator* old : {appTranslator.data(), qtTranslator.data()}) {
    if (old) {
      app.removeTranslator(old);
      delete old;
    }
  }
  QLocale::setDefault(QLocale(language));
  if (language == QLatin1String("en")) return true;

  auto* mine = new QTranslator(&app);
  const bool loaded = mine->load(QStringLiteral(":/i18n/mindllm_%1.qm").arg(language));
  if (loaded) {
    app.installTranslator(mine);
    appTranslator = mine;
  } else {
    delete mine;
  }
  // Qt's own strings (standard buttons, file dialogs).
  auto* qt = new QTranslator(&app);
  if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    app.installTranslator(qt);
    qtTranslator = qt;
  } else {
    delete qt;
  }
  return loaded;
}

QString languageDisplayName(const QString& language) {
  return language == QLatin1String("zh_CN") ? QStringLiteral("简体中文") : QStringLiteral("English");
}

}  // namespace mindllm::ui
