#pragma once
// UI language: Simplified Chinese or English, from the system locale unless the user overrides it
// in Preferences. Translations are compiled from ui/i18n/*.ts into :/i18n/*.qm at build time.
#include <QString>

class QCoreApplication;

namespace mindllm::ui {

// "zh_CN" for any Chinese system locale, otherwise "en".
QString languageFromLocale(const QString& localeName);

// The language to use: the override when it is "en" or "zh_CN", else the system locale's.
QString chooseLanguage(const QString& override);

// Installs the app's and Qt's own translators for `language` (replacing earlier ones). Returns
// false when the app translation could not be loaded (English needs none and returns true).
bool installTranslators(QCoreApplication& app, const QString& language);

// Names for pickers: "English", "简体中文".
QString languageDisplayName(const QString& language);

}  // namespace mindllm::ui
