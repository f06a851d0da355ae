// The assistant profiles: the data in domains/ parses, every assistant has Chinese and English
// texts, the app's embedded copies are the same files, and bad files are rejected with errors
// that name the field.
#include <QtTest>

#include "core/storage/chat_records.h"
#include "core/util/error.h"
#include "domains/assistant_profile.h"
#include "ui/assistant_catalog.h"

using namespace mindllm;
using mindllm::ui::AssistantCatalog;

class TestAssistantCatalog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void domainsFolderHasTheThreeAssistants() {
    const auto profiles = loadAssistantProfiles(MINDLLM_SOURCE_DIR "/domains");
    QCOMPARE(profiles.size(), size_t(3));
    QCOMPARE(QString::fromStdString(profiles[0].id), QStringLiteral("general"));  // ordered by "order"
    QCOMPARE(QString::fromStdString(profiles[1].id), QStringLiteral("legal"));
    QCOMPARE(QString::fromStdString(profiles[2].id), QStringLiteral("finance"));
    for (const auto& p : profiles) {
      for (const char* lang : {"en", "zh_CN"}) {
        QVERIFY2(!p.name.get(lang).empty(), p.id.c_str());
        QVERIFY2(p.systemPrompt.get(lang).size() > 40, p.id.c_str());
        QVERIFY2(!p.disclaimer.get(lang).empty(), p.id.c_str());
        QVERIFY2(!p.startersFor(lang).empty(), p.id.c_str());
      }
      // The Chinese texts really are Chinese, the English ones are not.
      QVERIFY(QString::fromStdString(p.systemPrompt.get("zh_CN")).contains(QRegularExpression("[\\x{4e00}-\\x{9fff}]")));
      QVERIFY(!QString::fromStdString(p.systemPrompt.get("en")).contains(QRegularExpression("[\\x{4e00}-\\x{9fff}]")));
    }
  }

  void disclaimersSayItIsNotAdvice() {
    const auto catalog = AssistantCatalog::fromFolder(MINDLLM_SOURCE_DIR "/domains");
    QVERIFY(catalog.disclaimer("legal", "en").contains("not legal advice"));
    QVERIFY(catalog.disclaimer("legal", "zh_CN").contains(QStringLiteral("不构成法律意见")));
    QVERIFY(catalog.disclaimer("finance", "en").contains("not investment advice"));
    QVERIFY(catalog.disclaimer("finance", "zh_CN").contains(QStringLiteral("不构成投资建议")));
  }

  void storageAssistantKindsAreKnown() {
    // The ids stored with conversations (core/storage/chat_records.h) must all have a profile.
    const auto catalog = AssistantCatalog::fromResources();
    for (const char* id : {storage::kAssistantLegal, storage::kAssistantFinance, storage::kAssistantGeneral})
      QVERIFY2(catalog.contains(QString::fromLatin1(id)), id);
  }

  void embeddedResourcesMatchTheDomainsFolder() {
    const auto embedded = AssistantCatalog::fromResources();
    const auto onDisk = AssistantCatalog::fromFolder(MINDLLM_SOURCE_DIR "/domains");
    QCOMPARE(embedded.ids(), onDisk.ids());
    for (const QString& id : onDisk.ids())
      for (const QString lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        QCOMPARE(embedded.systemPrompt(id, lang), onDisk.systemPrompt(id, lang));
        QCOMPARE(embedded.disclaimer(id, lang), onDisk.disclaimer(id, lang));
      }
  }

  void languageFallbacks() {
    const auto catalog = AssistantCatalog::fromResources();
    // zh_TW has no texts of its own: the Chinese ones are closer than English.
    QCOMPARE(catalog.name("legal", "zh_TW"), catalog.name("legal", "zh_CN"));
    QCOMPARE(catalog.name("legal", "fr"), catalog.name("legal", "en"));
    // An assistant id from a newer database falls back to the general assistant.
    QCOMPARE(catalog.name("tax", "en"), catalog.name("general", "en"));
  }

  void badFilesNameTheField() {
    auto expectError = [](const std::string& json, const QString& fragment) {
      try {
        parseAssistantProfile(json, "x/assistant.json");
        QFAIL("no error");
      } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains("x/assistant.json") && message.contains(fragment), qPrintable(message));
      }
    };
    expectError(R"({"name":{"en":"A"},"system_prompt":{"en":"p"},"disclaimer":{"en":"d"}})", "id");
    expectError(R"({"id":"a","name":{"en":"A"},"system_prompt":{"en":"p"}})", "disclaimer");
    expectError(R"({"id":"a","name":{"en":"A"},"system_prompt":"p","disclaimer":{"en":"d"}})", "system_prompt");
    expectError(R"({"id":"a","name":{"en":"A"},"system_prompt":{"en":7},"disclaimer":{"en":"d"}})", "system_prompt.en");
    expectError(R"({"id":"a","name":{"zh_CN":"甲"},"system_prompt":{"en":"p"},"disclaimer":{"en":"d"}})", "'en'");
    expectError(R"({"id":"a", oops})", "invalid JSON");
    expectError(R"({"id":"a","name":{"en":"A"},"system_prompt":{"en":"p"},"disclaimer":{"en":"d"},"starter_prompts":{"en":[1]}})",
                "starter_prompts.en");
  }

  void duplicateIdsAreRejected() {
    std::vector<AssistantProfile> profiles(2);
    profiles[0].id = profiles[1].id = "legal";
    QVERIFY_THROWS_EXCEPTION(Error, sortAndCheckProfiles(profiles));
  }
};

QTEST_GUILESS_MAIN(TestAssistantCatalog)
#include "test_assistant_catalog.moc"
