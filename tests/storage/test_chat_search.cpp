// Full-text search over messages: Chinese (including the 1-2 character terms the trigram index
// cannot answer), English (case-insensitive, several terms, quoted phrases), snippets with the
// hits marked, newest first, filters, and the index following edits and deletes.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "core/storage/search_query.h"
#include "core/util/utf8.h"
#include "storage/store_fixture.h"

using namespace mindllm::storage;
using storage_test::draft;

namespace {

std::vector<int64_t> ids(const std::vector<SearchHit>& hits) {
  std::vector<int64_t> out;
  for (const auto& h : hits) out.push_back(h.messageId);
  return out;
}

}  // namespace

class TestChatSearch : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<ChatStore> store_;
  int64_t legal_ = 0, finance_ = 0;
  int64_t m1_ = 0, m2_ = 0, m3_ = 0, m4_ = 0, m5_ = 0;

private Q_SLOTS:
  void init() {
    QVERIFY(dir_.isValid());
    store_ = storage_test::openStore(storage_test::dbPath(dir_, QTest::currentTestFunction()));
    legal_ = store_->createConversation(draft("劳动争议", kAssistantLegal)).id;
    finance_ = store_->createConversation(draft("Rates", kAssistantFinance)).id;
    m1_ = store_->addMessage(legal_, kRoleUser, "用人单位违法解除劳动合同，应当支付赔偿金吗？").id;
    m2_ = store_->addMessage(legal_, kRoleAssistant, "是的。根据《劳动合同法》第八十七条，赔偿金为经济补偿的二倍。").id;
    m3_ = store_->addMessage(finance_, kRoleUser, "How does the central bank Interest Rate affect bond prices?").id;
    m4_ = store_->addMessage(finance_, kRoleAssistant, "When the interest rate rises, existing bond prices fall; 利率上升，债券价格下跌。").id;
    m5_ = store_->addMessage(finance_, kRoleUser, "Discount of 50% off_par? Use 100_000 units").id;
  }
  void cleanup() { store_.reset(); }

  void chineseLongTermsUseTheIndex() {
    QCOMPARE(ids(store_->search("劳动合同")), (std::vector<int64_t>{m2_, m1_}));  // newest first
    QCOMPARE(ids(store_->search("第八十七条")), (std::vector<int64_t>{m2_}));
    QVERIFY(store_->search("刑事诉讼法").empty());
    const SearchHit hit = store_->search("赔偿金为")[0];
    QCOMPARE(hit.conversationId, legal_);
    QCOMPARE(hit.conversationTitle, std::string("劳动争议"));
    QCOMPARE(hit.role, std::string("assistant"));
    QCOMPARE(hit.assistant, std::string("legal"));
    QVERIFY2(hit.snippet.find("[赔偿金为]") != std::string::npos, hit.snippet.c_str());
  }

  void chineseShortTermsFallBack() {
    QCOMPARE(ids(store_->search("利率")), (std::vector<int64_t>{m4_}));
    QCOMPARE(ids(store_->search("赔偿")), (std::vector<int64_t>{m2_, m1_}));
    QCOMPARE(ids(store_->search("债")), (std::vector<int64_t>{m4_}));  // a single character
    QVERIFY(store_->search("股票").empty());
    const std::string snippet = store_->search("利率")[0].snippet;
    QVERIFY2(snippet.find("[利率]上升") != std::string::npos, snippet.c_str());
  }

  void mixedTermsMustAllMatch() {
    QCOMPARE(ids(store_->search("劳动合同 赔偿")), (std::vector<int64_t>{m2_, m1_}));
    QCOMPARE(ids(store_->search("劳动合同 二倍")), (std::vector<int64_t>{m2_}));
    QCOMPARE(ids(store_->search("劳动合同\xE3\x80\x80二倍")), (std::vector<int64_t>{m2_}));  // ideographic space
    QCOMPARE(ids(store_->search("bond 利率")), (std::vector<int64_t>{m4_}));
    QVERIFY(store_->search("bond 劳动合同").empty());
  }

  void englishIsCaseInsensitive() {
    QCOMPARE(ids(store_->search("interest rate")), (std::vector<int64_t>{m4_, m3_}));
    QCOMPARE(ids(store_->search("INTEREST")), (std::vector<int64_t>{m4_, m3_}));
    QCOMPARE(ids(store_->search("\"prices fall\"")), (std::vector<int64_t>{m4_}));
    QCOMPARE(ids(store_->search("central bank")), (std::vector<int64_t>{m3_}));
    QVERIFY(store_->search("\"bank rate\"").empty());  // a quoted phrase must appear as is
    QVERIFY(store_->search("equity").empty());
    const std::string snippet = store_->search("interest rate")[1].snippet;
    QVERIFY2(snippet.find("[Interest] [Rate]") != std::string::npos, snippet.c_str());
  }

  void specialCharactersAreLiteral() {
    QCOMPARE(ids(store_->search("50%")), (std::vector<int64_t>{m5_}));
    QVERIFY(store_->search("r_").empty());  // '_' is not a wildcard (LIKE path)
    QVERIFY(store_->search("%f").empty());  // nor '%'
    QVERIFY(store_->search("f_%p").empty());  // nor in the index path
    QCOMPARE(ids(store_->search("off_par")), (std::vector<int64_t>{m5_}));
    QCOMPARE(ids(store_->search("100_000")), (std::vector<int64_t>{m5_}));
    QCOMPARE(ids(store_->search("\"bond")), (std::vector<int64_t>{m4_, m3_}));  // unbalanced quote: no FTS error
    QCOMPARE(ids(store_->search("bo\"nd")), (std::vector<int64_t>{m4_, m3_}));  // "bo" and "nd"
    QVERIFY(store_->search("   ").empty());
    QVERIFY(store_->search("OR AND NOT").empty());  // FTS operators are plain words here
  }

  void optionsFilterAndMark() {
    SearchOptions options;
    options.assistant = kAssistantFinance;
    QCOMPARE(ids(store_->search("rate", options)), (std::vector<int64_t>{m4_, m3_}));
    options.assistant = kAssistantLegal;
    QVERIFY(store_->search("rate", options).empty());
    SearchOptions inConversation;
    inConversation.conversationId = legal_;
    QCOMPARE(ids(store_->search("劳动", inConversation)), (std::vector<int64_t>{m2_, m1_}));
    SearchOptions limited;
    limited.limit = 1;
    QCOMPARE(ids(store_->search("劳动", limited)), (std::vector<int64_t>{m2_}));

    store_->addMessage(finance_, kRoleAssistant, "Use <b>bold</b> & interest");
    SearchOptions html;
    html.markOpen = "<mark>";
    html.markClose = "</mark>";
    html.escapeHtml = true;
    const std::string snippet = store_->search("interest", html)[0].snippet;
    QCOMPARE(snippet, std::string("Use &lt;b&gt;bold&lt;/b&gt; &amp; <mark>interest</mark>"));
  }

  void indexFollowsEditsAndDeletes() {
    store_->editUserMessage(m3_, "What is a yield curve inversion?");
    QVERIFY(store_->search("central bank").empty());
    QCOMPARE(ids(store_->search("yield curve")), (std::vector<int64_t>{m3_}));
    store_->deleteMessage(m3_);
    QVERIFY(store_->search("yield curve").empty());
    const int64_t streaming = store_->beginAssistantMessage(legal_);
    store_->appendToMessage(streaming, "仲裁时效为一年");
    store_->finishMessage(streaming, MessageState::Complete);
    QCOMPARE(ids(store_->search("仲裁时效")), (std::vector<int64_t>{streaming}));
    store_->deleteConversation(legal_);
    QVERIFY(store_->search("仲裁时效").empty());
    store_->restoreConversation(legal_);
    QCOMPARE(store_->search("仲裁").size(), size_t{1});
    QCOMPARE(store_->integrityCheck(), std::string("ok"));
  }

  void longContentGetsAWindow() {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "前言";
    text += "关键条款在此";
    for (int i = 0; i < 200; ++i) text += "后文";
    store_->addMessage(legal_, kRoleAssistant, text);
    SearchOptions options;
    options.snippetChars = 30;
    const std::string snippet = store_->search("关键条款", options)[0].snippet;
    QVERIFY2(snippet.rfind("…", 0) == 0, snippet.c_str());  // cut at the start
    QVERIFY2(snippet.find("[关键条款]在此") != std::string::npos, snippet.c_str());
    QVERIFY(snippet.size() < 40 * 3 + 20);  // about 30 characters of 3 bytes, not the whole text
  }

  void shortTermsAtTheEdgesOfTexts() {
    // Where no trigram could start with the term but for the padding the index adds.
    const int64_t tail = store_->addMessage(legal_, kRoleUser, "请解释罚息").id;
    const int64_t two = store_->addMessage(legal_, kRoleUser, "滞纳").id;
    const int64_t one = store_->addMessage(legal_, kRoleUser, "驳").id;
    const int64_t ascii = store_->addMessage(legal_, kRoleUser, "Plan B? Qx").id;
    QCOMPARE(ids(store_->search("罚息")), (std::vector<int64_t>{tail}));
    QCOMPARE(ids(store_->search("息")), (std::vector<int64_t>{tail}));
    QCOMPARE(ids(store_->search("滞纳")), (std::vector<int64_t>{two}));
    QCOMPARE(ids(store_->search("纳")), (std::vector<int64_t>{two}));
    QCOMPARE(ids(store_->search("驳")), (std::vector<int64_t>{one}));
    QCOMPARE(ids(store_->search("qX")), (std::vector<int64_t>{ascii}));  // ASCII case folded
    QCOMPARE(ids(store_->search("b?")), (std::vector<int64_t>{ascii}));
    QVERIFY(store_->search("罚款").empty());
    store_->editUserMessage(tail, "请解释违约金");  // the old trigrams leave the index
    QVERIFY(store_->search("罚息").empty());
    QCOMPARE(store_->integrityCheck(), std::string("ok"));
  }

  void veryCommonCharacterScans() {
    // More trigrams start with "债" than the prefix lookup takes: the scan path answers.
    std::string many;
    for (char32_t c = 0x4E00; c < 0x4E00 + 450; ++c) {
      many += "债";
      mindllm::utf8::append(many, c);
      many += "。";
    }
    const int64_t big = store_->addMessage(finance_, kRoleAssistant, many).id;
    QCOMPARE(ids(store_->search("债")), (std::vector<int64_t>{big, m4_}));
    QCOMPARE(ids(store_->search("债 bond")), (std::vector<int64_t>{m4_}));
    SearchOptions one;
    one.limit = 1;
    QCOMPARE(ids(store_->search("债", one)), (std::vector<int64_t>{big}));
  }

  void newestFirstAlsoForImportedHistory() {
    // Imported messages get new (higher) ids but keep their times; results still go by time.
    auto clock = std::make_shared<storage_test::FakeClock>();
    auto store = storage_test::openStore(storage_test::dbPath(dir_, "imported.sqlite"), clock);
    const int64_t c = store->createConversation(draft("native")).id;
    std::vector<int64_t> native;
    for (int i = 0; i < 5; ++i) native.push_back(store->addMessage(c, kRoleUser, "担保合同 " + std::to_string(i)).id);
    ConversationSnapshot old;
    old.conversation.title = "from 2019";
    old.conversation.createdAt = 1'550'000'000'000;
    ConversationSnapshot future;
    future.conversation.title = "dated 2031";
    future.conversation.createdAt = 1'950'000'000'000;
    for (int i = 0; i < 3; ++i) {
      Message m;
      m.content = "担保合同 old " + std::to_string(i);
      m.createdAt = old.conversation.createdAt + i;
      old.messages.push_back(m);
      m.content = "担保合同 future " + std::to_string(i);
      m.createdAt = future.conversation.createdAt + i;
      future.messages.push_back(m);
    }
    store->importSnapshots({old, future});
    for (int i = 5; i < 8; ++i) native.push_back(store->addMessage(c, kRoleUser, "担保合同 " + std::to_string(i)).id);

    for (const char* query : {"担保合同", "担保"}) {  // the index walk and the short-term lookup
      SearchOptions top;
      top.limit = 5;
      const auto hits = store->search(query, top);
      QCOMPARE(hits.size(), size_t{5});
      std::vector<int64_t> times;
      for (const auto& h : hits) times.push_back(h.createdAt);
      QVERIFY(std::is_sorted(times.rbegin(), times.rend()));
      QCOMPARE(hits[0].conversationTitle, std::string("dated 2031"));
      QCOMPARE(hits[2].conversationTitle, std::string("dated 2031"));
      QCOMPARE(hits[3].messageId, native[7]);
      QCOMPARE(hits[4].messageId, native[6]);
      top.limit = 100;
      const auto all = store->search(query, top);
      QCOMPARE(all.size(), size_t{14});
      QCOMPARE(all.back().conversationTitle, std::string("from 2019"));
    }
  }

  void queryParsing() {
    const SearchQuery q = parseSearchQuery("合同 \"interest rate\" ab 违约金");
    QCOMPARE(q.terms, (std::vector<std::string>{"合同", "interest rate", "ab", "违约金"}));
    QCOMPARE(q.ftsMatch, std::string("\"interest rate\" AND \"违约金\""));
    QCOMPARE(q.shortTerms, (std::vector<std::string>{"合同", "ab"}));
    QCOMPARE(escapeLike("a%b_c\\"), std::string("a\\%b\\_c\\\\"));
  }
};

QTEST_GUILESS_MAIN(TestChatSearch)
#include "test_chat_search.moc"
