// Deduplication against planted truth: exact copies (also with whitespace and case changes) and
// near duplicates (a few percent of words or characters replaced) in both languages, mixed with
// unrelated documents and "half overlaps" that share only part of their text and must be kept.
// Near-duplicate removal must reach precision and recall >= 0.95.
#include <QtTest>

#include <set>

#include "core/util/error.h"
#include "tests/data/planted_corpus.h"
#include "training/data/deduplicator.h"
#include "training/data/pipeline_stage.h"

using namespace mindllm::data;

namespace {

struct Doc {
  std::string text;
  std::string truth;  // "", "exact_duplicate" or "near_duplicate"
  std::string original;  // what a planted document was made from
};

std::vector<Doc> plantedCorpus() {
  planted::Generator g(42);
  const MinHasher hasher{DedupOptions{}};
  std::vector<Doc> docs;
  std::vector<std::string> originals;
  for (int i = 0; i < 300; ++i) {
    originals.push_back(i % 2 ? g.chinese(12) : g.english(12));
    docs.push_back({originals.back(), "", ""});
  }
  // Near duplicates of 100 originals: 0.5-2% of the English words or 0.25-1% of the Chinese
  // characters replaced (a character touches 5 shingles, a word about 10 but there are fewer
  // words), for a true Jaccard similarity of 0.85 to 0.99.
  for (int i = 0; i < 100; ++i) {
    const std::string& base = originals[static_cast<size_t>(i * 3)];
    const double rate = (base[0] & 0x80) ? 0.0025 + 0.0025 * (i % 4) : 0.005 + 0.005 * (i % 4);
    // At least one change (else it is an exact copy) and similar enough to be a near duplicate
    // by definition; redraw otherwise.
    std::string variant;
    do {
      variant = g.perturb(base, rate);
    } while (variant == base || exactJaccard(hasher.shingleHashes(variant), hasher.shingleHashes(base)) < 0.85);
    docs.push_back({variant, "near_duplicate", base});
  }
  // Exact copies, some re-spaced or re-cased (still the same normalised text).
  for (int i = 0; i < 40; ++i) {
    std::string copy = originals[static_cast<size_t>(i * 7 + 1)];
    if (i % 2) copy = "  " + copy + "\n\n";
    if (i % 4 == 0 && copy[0] >= 'A' && copy[0] <= 'Z') copy[0] = static_cast<char>(copy[0] - 'A' + 'a');
    docs.push_back({copy, "exact_duplicate", originals[static_cast<size_t>(i * 7 + 1)]});
  }
  // Half overlaps: the first third of an original followed by new text. Similar, but not duplicates.
  for (int i = 0; i < 60; ++i) {
    const std::string& base = originals[static_cast<size_t>(i * 5 + 2)];
    const bool zh = base[0] & 0x80;
    std::string head = base.substr(0, base.size() / 3);
    while (!head.empty() && (static_cast<unsigned char>(head.back()) & 0xC0) == 0x80) head.pop_back();  // UTF-8 boundary
    if (!head.empty() && (static_cast<unsigned char>(head.back()) & 0xC0) == 0xC0) head.pop_back();
    docs.push_back({head + (zh ? g.chinese(8) : g.english(8)), "", base});
  }
  // Heavy rewrites: the same text with many changes (true Jaccard 0.4-0.7). Related, but below
  // the threshold, so they must be kept: these test precision near the decision boundary.
  for (int i = 0; i < 40; ++i) {
    const std::string& base = originals[static_cast<size_t>(i * 7 + 4)];
    const double rate = (base[0] & 0x80) ? 0.05 : 0.08;
    std::string variant;
    double j;
    do {
      variant = g.perturb(base, rate);
      j = exactJaccard(hasher.shingleHashes(variant), hasher.shingleHashes(base));
    } while (j < 0.4 || j > 0.7);
    docs.push_back({variant, "", base});
  }
  // Interleave deterministically so duplicates arrive after their originals but spread out.
  std::vector<Doc> shuffledTail(docs.begin() + 300, docs.end());
  for (size_t i = shuffledTail.size(); i > 1; --i) std::swap(shuffledTail[i - 1], shuffledTail[g.next() % i]);
  docs.resize(300);
  docs.insert(docs.end(), shuffledTail.begin(), shuffledTail.end());
  return docs;
}

}  // namespace

class TestDedup : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void signatureEstimatesJaccard() {
    planted::Generator g(7);
    DedupOptions o;
    MinHasher h(o);
    for (int i = 0; i < 20; ++i) {
      const std::string a = g.english(10), b = g.perturb(a, 0.05 * (i % 5));
      const double exact = exactJaccard(h.shingleHashes(a), h.shingleHashes(b));
      const double estimate = estimatedJaccard(h.signature(a), h.signature(b));
      QVERIFY2(std::abs(exact - estimate) < 0.15,
               (std::to_string(exact) + " vs " + std::to_string(estimate)).c_str());
    }
    QCOMPARE(estimatedJaccard(h.signature("identical text here"), h.signature("identical   TEXT here")), 1.0);
  }

  void plantedTruthMatchesTheDefinition() {
    // The planted labels must agree with the exact Jaccard similarity at the 0.8 threshold, or
    // the precision/recall test below would measure the generator, not the deduplicator.
    MinHasher h{DedupOptions{}};
    double minNear = 1, maxOverlap = 0;
    for (const Doc& d : plantedCorpus()) {
      if (d.original.empty() || d.truth == "exact_duplicate") continue;
      const double j = exactJaccard(h.shingleHashes(d.text), h.shingleHashes(d.original));
      if (d.truth == "near_duplicate") {
        minNear = std::min(minNear, j);
      }
      else maxOverlap = std::max(maxOverlap, j);
    }
    qInfo("planted near duplicates: Jaccard >= %.3f; related non-duplicates: Jaccard <= %.3f", minNear, maxOverlap);
    QVERIFY(minNear >= 0.85);
    QVERIFY(maxOverlap <= 0.7);
  }

  void plantedDuplicatesAreFoundWithHighPrecisionAndRecall() {
    const std::vector<Doc> docs = plantedCorpus();
    Deduplicator d{DedupOptions{}};
    int nearTruth = 0, nearFound = 0, nearCorrect = 0, exactTruth = 0, exactCorrect = 0, wrongDrops = 0;
    for (const Doc& doc : docs) {
      const std::string verdict = d.admit(doc.text);
      nearTruth += doc.truth == "near_duplicate";
      exactTruth += doc.truth == "exact_duplicate";
      if (verdict == "near_duplicate") {
        ++nearFound;
        nearCorrect += doc.truth == "near_duplicate";
      }
      if (verdict == "exact_duplicate") exactCorrect += doc.truth == "exact_duplicate";
      if (!verdict.empty() && doc.truth.empty()) ++wrongDrops;
    }
    const double precision = nearFound ? static_cast<double>(nearCorrect) / nearFound : 0;
    const double recall = static_cast<double>(nearCorrect) / nearTruth;
    qInfo("near duplicates: %d planted, %d found, precision %.3f, recall %.3f; exact %d/%d; wrong drops %d", nearTruth,
          nearFound, precision, recall, exactCorrect, exactTruth, wrongDrops);
    QVERIFY(precision >= 0.95);
    QVERIFY(recall >= 0.95);
    QCOMPARE(exactCorrect, exactTruth);
    QCOMPARE(wrongDrops, 0);
    // Memory is bounded by the kept documents' signatures, not the text.
    const size_t kept = docs.size() - static_cast<size_t>(nearFound + exactCorrect);
    QCOMPARE(d.signaturesHeld(), kept);
    QVERIFY(d.memoryBytes() < kept * 2000);
  }

  void wordShinglesAndOptionChecks() {
    DedupOptions o;
    o.shingle = "word";
    o.shingleSize = 3;
    Deduplicator d(o);
    planted::Generator g(3);
    const std::string a = g.english(15);
    QCOMPARE(d.admit(a), std::string());
    QCOMPARE(d.admit(g.perturb(a, 0.01)), std::string("near_duplicate"));
    QCOMPARE(d.admit(g.english(15)), std::string());
    DedupOptions bad;
    bad.bands = 10;  // 10 x 8 != 128
    bool threw = false;
    try {
      Deduplicator x(bad);
    } catch (const mindllm::Error&) {
      threw = true;
    }
    QVERIFY(threw);
  }

  void stageResultIsIndependentOfThreadCount() {
    const std::vector<Doc> docs = plantedCorpus();
    std::vector<std::string> verdicts[2];
    for (int threads : {1, 2}) {
      auto stage = makeDedupStage(DedupOptions{});
      WorkerPool pool(threads);
      std::vector<Document> batch;
      for (size_t i = 0; i < docs.size(); ++i) batch.push_back({std::to_string(i), docs[i].text, "", ""});
      std::vector<std::string> reasons(batch.size());
      stage->process(batch, reasons, pool);
      verdicts[threads - 1] = reasons;
    }
    QVERIFY(verdicts[0] == verdicts[1]);
  }
};

QTEST_APPLESS_MAIN(TestDedup)
#include "test_dedup.moc"
