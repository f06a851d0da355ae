// Search benchmark of the chat history store: 100,000 generated bilingual (zh/en) messages,
// median and p95 latency of ChatStore::search for several queries, against a reference run in the
// same process: the same query as a plain LIKE scan over all messages (no index).
//   bench_search [--messages N] [--runs R] [--db PATH] [--corpus sentences|zipf]
// (goal: median < 50 ms at 100,000). "sentences" (default) repeats a few bilingual legal/finance
// sentences; "zipf" is random Chinese text over 3,000 characters with Zipf frequencies, where a
// character is followed by hundreds of different ones: the hard case for 1-2 character terms.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/storage/chat_store.h"
#include "core/storage/search_query.h"
#include "core/util/utf8.h"

using namespace mindllm::storage;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kChinese = {
    "根据《劳动合同法》第八十二条，用人单位应当支付二倍工资。", "本合同自双方签字盖章之日起生效。",
    "借款人逾期还款的，应当按照约定支付逾期利息。",         "央行下调存款准备金率，市场流动性有所改善。",
    "该公司第三季度营业收入同比增长百分之十二。",           "债券价格与市场利率呈反向变动关系。",
    "当事人对仲裁协议的效力有异议的，可以请求人民法院作出裁定。", "股东大会审议通过了年度利润分配方案。",
    "出租人应当按照约定将租赁物交付承租人。",               "上市公司应当及时披露可能影响股价的重大事件。",
    "违约方应当赔偿守约方因此遭受的全部损失。",             "基金净值波动较大，投资者应注意风险。",
    "知识产权侵权纠纷由被告住所地人民法院管辖。",           "现金流量表反映了企业经营活动的现金流入与流出。",
};
const std::vector<std::string> kEnglish = {
    "The lessee shall pay the rent on the first day of each month. ",
    "Interest rate hikes usually push bond prices down. ",
    "The board approved the annual dividend distribution plan. ",
    "Either party may terminate this agreement with thirty days written notice. ",
    "Operating cash flow improved thanks to lower inventory. ",
    "The court held that the non-compete clause was unenforceable. ",
    "Net interest margin narrowed by twelve basis points year over year. ",
    "Damages are limited to the fees paid in the preceding twelve months. ",
    "The fund's exposure to emerging market equities increased. ",
    "Please summarise the key obligations of the borrower. ",
};
// Planted in a known, small number of messages to time rare hits (the slow case for LIKE).
const char* const kRareChinese = "滞纳金减免";   // 5 characters: the trigram index
const char* const kRareShort = "罚息";           // 2 characters: the LIKE fallback
const char* const kRareEnglish = "force majeure";
constexpr int kRareEvery = 5000;                // one message in 5000 carries each rare phrase

std::string makeMessage(std::mt19937& rng, int index) {
  std::string text;
  const int sentences = 1 + static_cast<int>(rng() % 4);
  for (int s = 0; s < sentences; ++s) {
    if (rng() % 2) text += kChinese[rng() % kChinese.size()];
    else text += kEnglish[rng() % kEnglish.size()];
  }
  if (index % kRareEvery == 17) text += std::string("关于") + kRareChinese + "的申请。";
  if (index % kRareEvery == 1234) text += std::string("逾期产生") + kRareShort + "。";
  if (index % kRareEvery == 2345) text += std::string("The ") + kRareEnglish + " clause applies. ";
  return text;
}

std::string zipfMessage(std::mt19937& rng) {
  static const std::vector<double> weights = [] {
    std::vector<double> w;
    for (int rank = 0; rank < 3000; ++rank) w.push_back(1.0 / (rank + 1));
    return w;
  }();
  static std::discrete_distribution<int> pick(weights.begin(), weights.end());
  std::string text;
  const int length = 20 + static_cast<int>(rng() % 120);
  for (int i = 0; i < length; ++i) mindllm::utf8::append(text, 0x4E00 + static_cast<char32_t>(pick(rng)));
  return text;
}

// The character of frequency rank `rank` in the zipf corpus (0 = most frequent).
std::string zipfChar(int rank) {
  std::string c;
  mindllm::utf8::append(c, 0x4E00 + static_cast<char32_t>(rank));
  return c;
}

void populate(ChatStore& store, int messages, bool zipf) {
  std::mt19937 rng(42);
  const int perConversation = 100;
  std::vector<ConversationSnapshot> batch;
  const int64_t start = 1'700'000'000'000;
  for (int i = 0; i < messages; ++i) {
    if (i % perConversation == 0) {
      batch.emplace_back();
      batch.back().conversation.title = "Conversation " + std::to_string(i / perConversation);
      batch.back().conversation.assistant = (i / perConversation) % 2 ? kAssistantLegal : kAssistantFinance;
      batch.back().conversation.createdAt = start + int64_t{i} * 60'000;
    }
    Message m;
    m.role = i % 2 ? kRoleAssistant : kRoleUser;
    m.content = zipf ? zipfMessage(rng) : makeMessage(rng, i);
    m.createdAt = start + int64_t{i} * 60'000;
    batch.back().messages.push_back(std::move(m));
  }
  store.importSnapshots(batch);
}

// Pads to `width` terminal columns; CJK characters take two.
std::string padded(const std::string& text, size_t width) {
  size_t columns = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) == 0x80) continue;
    columns += b >= 0xE0 ? 2 : 1;  // 3- and 4-byte sequences here are CJK
  }
  return text + std::string(columns < width ? width - columns : 1, ' ');
}

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Stats {
  double median = 0, p95 = 0;
  size_t hits = 0;
};

Stats timeIt(int runs, const std::function<size_t()>& run) {
  std::vector<double> times;
  size_t hits = run();  // warm the page cache once, like a user's second search
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    hits = run();
    times.push_back(msSince(t0));
  }
  std::sort(times.begin(), times.end());
  const auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<size_t>(q * (times.size() - 1) + 0.5))]; };
  return {at(0.5), at(0.95), hits};
}

// The reference: the same terms as LIKE conditions on every message, newest first, no index.
size_t likeScan(sqlite3* db, const std::string& query) {
  const SearchQuery q = parseSearchQuery(query);
  std::string sql =
      "SELECT m.id, m.content FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.deleted_at = 0";
  for (size_t i = 0; i < q.terms.size(); ++i) sql += " AND m.content LIKE ? ESCAPE '\\'";
  sql += " ORDER BY m.created_at DESC, m.id DESC LIMIT 50";
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  for (size_t i = 0; i < q.terms.size(); ++i) {
    const std::string pattern = "%" + escapeLike(q.terms[i]) + "%";
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), pattern.c_str(), -1, SQLITE_TRANSIENT);
  }
  size_t rows = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) ++rows;
  sqlite3_finalize(stmt);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  int messages = 100'000, runs = 21;
  std::string dbPath, corpus = "sentences";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--messages")) messages = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--runs")) runs = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--db")) dbPath = argv[i + 1];
    else if (!std::strcmp(argv[i], "--corpus")) corpus = argv[i + 1];
  }
  const bool temporary = dbPath.empty();
  if (temporary) dbPath = (fs::temp_directory_path() / ("bench_search-" + std::to_string(::getpid()) + ".sqlite")).string();
  try {
    std::unique_ptr<ChatStore> store = std::make_unique<ChatStore>(dbPath);
    if (store->listConversations({}).empty()) {
      const auto t0 = std::chrono::steady_clock::now();
      populate(*store, messages, corpus == "zipf");
      std::printf("populated %d messages in %.1f s (one transaction, index kept by triggers)\n", messages, msSince(t0) / 1000);
    }
    const std::vector<std::pair<const char*, std::string>> zipfQueries = {
        {"1 char rank 0", zipfChar(0)},
        {"1 char rank 50", zipfChar(50)},
        {"1 char rank 1000", zipfChar(1000)},
        {"1 char rank 2500", zipfChar(2500)},
        {"2 chars 0+1", zipfChar(0) + zipfChar(1)},
        {"2 chars 0+2000", zipfChar(0) + zipfChar(2000)},
        {"2 chars 50+1", zipfChar(50) + zipfChar(1)},
        {"2 chars 1000+1", zipfChar(1000) + zipfChar(1)},
        {"3 chars 0+1+2", zipfChar(0) + zipfChar(1) + zipfChar(2)},
    };
    const std::vector<std::pair<const char*, std::string>> sentenceQueries = {
        {"en common word", "interest"},
        {"en two words", "bond prices"},
        {"en rare phrase", kRareEnglish},
        {"zh 4 chars", "劳动合同"},
        {"zh rare 5 chars", kRareChinese},
        {"zh 2 chars common", "利率"},
        {"zh 2 chars rare", kRareShort},
        {"zh 1 char", "债"},
        {"mixed zh+en", "bond 利率"},
        {"no hit", "不存在的词语"},
    };
    const auto& queries = corpus == "zipf" ? zipfQueries : sentenceQueries;
    std::printf("\n%-18s %-16s %6s %11s %11s %11s %11s %8s\n", "query", "text", "hits", "median ms", "p95 ms",
                "LIKE med", "LIKE p95", "speedup");
    double worstMedian = 0;
    for (const auto& [label, text] : queries) {
      const Stats ours = timeIt(runs, [&] { return store->search(text).size(); });
      const Stats like = timeIt(runs, [&] { return likeScan(store->handle(), text); });
      worstMedian = std::max(worstMedian, ours.median);
      std::printf("%-18s %s %6zu %11.2f %11.2f %11.2f %11.2f %7.1fx%s\n", label, padded("\"" + text + "\"", 16).c_str(), ours.hits,
                  ours.median, ours.p95, like.median, like.p95, like.median / std::max(ours.median, 1e-3),
                  ours.hits == like.hits ? "" : "  (hit count differs!)");
    }
    std::printf("\nworst median %.2f ms over %d runs per query, %d messages (goal < 50 ms): %s\n", worstMedian, runs, messages,
                worstMedian < 50 ? "met" : "NOT met");
    store.reset();
    if (temporary) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(dbPath + suffix);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_search: %s\n", e.what());
    return 1;
  }
}
