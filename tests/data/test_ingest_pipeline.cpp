// Ingest (JSONL with a configurable field, plain text, folders, gzip, a malformed line), the
// order-preserving worker pool, the whole pipeline from a JSON config, and token-ratio mixing.
#include <QtTest>

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "tests/data/planted_corpus.h"
#include "training/data/document_reader.h"
#include "training/data/jsonl_writer.h"
#include "training/data/mixer.h"
#include "training/data/pipeline.h"

namespace fs = std::filesystem;
using namespace mindllm;
using namespace mindllm::data;

namespace {

void writeGzip(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  QVERIFY(f);
  QCOMPARE(gzwrite(f, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(f);
}

std::vector<Json> readJsonl(const std::string& path) {
  std::vector<Json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

std::vector<Document> readAll(DocumentReader& r) {
  std::vector<Document> docs;
  Document d;
  while (r.next(d)) docs.push_back(d);
  return docs;
}

}  // namespace

class TestIngestPipeline : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string dir(const std::string& name) { return (fs::path(tmp_.path().toStdString()) / name).string(); }

private Q_SLOTS:
  void malformedLineIsReportedWithFileAndLineAndSkipped() {
    const std::string path = dir("bad.jsonl");
    writeFileAtomic(path,
                    "{\"content\": \"first\", \"id\": \"a\"}\n"
                    "{\"content\": \"second\"\n"  // line 2: broken JSON
                    "\n"
                    "{\"other\": \"no text field\"}\n"  // line 4: missing field
                    "{\"content\": \"third\", \"id\": 7}\n");
    IngestOptions o;
    o.textField = "content";
    StageReport report("ingest");
    DocumentReader r({{path, o}}, &report);
    const auto docs = readAll(r);
    QCOMPARE(docs.size(), size_t(2));
    QCOMPARE(docs[0].text, std::string("first"));
    QCOMPARE(docs[0].id, std::string("a"));
    QCOMPARE(docs[1].text, std::string("third"));
    QCOMPARE(docs[1].id, std::string("7"));
    QCOMPARE(report.droppedFor("malformed_line"), 2L);
    QCOMPARE(report.notes().size(), size_t(2));
    QVERIFY2(report.notes()[0].find(path + ":2:") == 0, report.notes()[0].c_str());
    QVERIFY2(report.notes()[1].find(path + ":4:") == 0, report.notes()[1].c_str());
    QVERIFY(report.notes()[1].find("content") != std::string::npos);
  }

  void malformedLineFailsTheRunWhenStrict() {
    const std::string path = dir("bad_strict.jsonl");
    writeFileAtomic(path, "{\"text\": \"ok\"}\n{oops}\n");
    IngestOptions o;
    o.strict = true;
    DocumentReader r({{path, o}}, nullptr);
    Document d;
    QVERIFY(r.next(d));
    try {
      r.next(d);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find(path + ":2:") == 0, e.what());
    }
  }

  void foldersPlainTextAndGzip() {
    const std::string root = dir("corpus");
    fs::create_directories(root + "/sub");
    writeFileAtomic(root + "/a.txt", "Paragraph one,\nstill one.\n\n\nParagraph two.\n");
    writeGzip(root + "/sub/b.jsonl.gz", "{\"text\": \"zipped 1\"}\n{\"text\": \"zipped 2\"}\n");
    writeFileAtomic(root + "/notes.md", "ignored: not a data file");
    IngestOptions o;
    o.textMode = "paragraph";
    DocumentReader r({{root, o}}, nullptr);
    const auto docs = readAll(r);
    QCOMPARE(docs.size(), size_t(4));
    QCOMPARE(docs[0].text, std::string("Paragraph one,\nstill one."));
    QCOMPARE(docs[1].text, std::string("Paragraph two."));
    QCOMPARE(docs[2].text, std::string("zipped 1"));
    QCOMPARE(docs[3].text, std::string("zipped 2"));
    QCOMPARE(docs[0].source, std::string("corpus"));
    QCOMPARE(r.bytesRead(), r.totalBytes());

    IngestOptions whole;
    DocumentReader w({{root + "/a.txt", whole}}, nullptr);
    QCOMPARE(readAll(w).at(0).text, std::string("Paragraph one,\nstill one.\n\n\nParagraph two."));
  }

  void workerPoolPreservesOrderAndPropagatesErrors() {
    WorkerPool pool(2);
    for (int round = 0; round < 50; ++round) {
      std::vector<int> out(1000, -1);
      pool.parallelFor(out.size(), [&](size_t i) { out[i] = static_cast<int>(i * i % 997); });
      for (size_t i = 0; i < out.size(); ++i) QCOMPARE(out[i], static_cast<int>(i * i % 997));
    }
    bool threw = false;
    try {
      pool.parallelFor(100, [](size_t i) {
        if (i == 42) throw Error("boom");
      });
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
  }

  void pipelineRunsEveryStageAndRoutesByLanguage() {
    planted::Generator g(11);
    const std::string in = dir("raw.jsonl");
    std::string lines;
    std::vector<std::string> zh, en;
    for (int i = 0; i < 40; ++i) {
      zh.push_back(g.chinese(9));
      en.push_back(g.english(9));
    }
    auto add = [&](const std::string& text) { lines += Json({{"text", text}}).dump() + "\n"; };
    for (int i = 0; i < 40; ++i) {
      add(zh[static_cast<size_t>(i)]);
      add("<p>" + en[static_cast<size_t>(i)] + "</p>");
    }
    add(zh[3]);                                                        // exact duplicate
    add(g.perturb(en[5], 0.005) + " ");                                // near (or exact) duplicate
    add("This one is far too short.");                                 // filter: too_short
    add(g.english(9) + "\nMail me at li.lei@example.org or call 13912345678.");  // PII, kept
    add("これは日本語の文章です。" + std::string(60, 'a'));              // language: other
    lines += "{broken\n";                                              // malformed
    writeFileAtomic(in, lines);

    const std::string out = dir("pipeline_out");
    const Json config = {{"inputs", {"raw.jsonl"}},
                         {"output_dir", "pipeline_out"},
                         {"threads", 2},
                         {"batch_size", 16},
                         {"langid", {{"drop", {"other"}}}},
                         {"dedup", {{"threshold", 0.8}}},
                         {"mix", {{"ratios", {{"zh", 0.5}, {"en", 0.5}}}, {"seed", 3}}}};
    const PipelineConfig c = PipelineConfig::fromJson(config, "pipeline.json", tmp_.path().toStdString());
    const PipelineResult result = runPipeline(c);

    std::map<std::string, const StageReport*> byStage;
    for (const auto& r : result.reports) byStage[r.stage()] = &r;
    QCOMPARE(byStage.at("ingest")->docsKept(), 85L);
    QCOMPARE(byStage.at("ingest")->droppedFor("malformed_line"), 1L);
    QCOMPARE(byStage.at("langid")->droppedFor("language_other"), 1L);
    QCOMPARE(byStage.at("filter")->droppedFor("too_short"), 1L);
    QCOMPARE(byStage.at("pii")->counter("replaced.email"), 1L);
    QCOMPARE(byStage.at("pii")->counter("replaced.phone"), 1L);
    QCOMPARE(byStage.at("dedup")->docsDropped(), 2L);
    QCOMPARE(byStage.at("dedup")->docsKept(), 81L);
    // Bytes and documents add up at every stage.
    for (const auto& r : result.reports) QCOMPARE(r.docsIn(), r.docsKept() + r.docsDropped());

    const auto zhDocs = readJsonl(out + "/zh.jsonl");
    const auto enDocs = readJsonl(out + "/en.jsonl");
    QCOMPARE(zhDocs.size(), size_t(40));
    QCOMPARE(enDocs.size(), size_t(41));
    for (const auto& d : zhDocs) QCOMPARE(d["lang"].get<std::string>(), std::string("zh"));
    QCOMPARE(enDocs[0]["text"].get<std::string>(), en[0]);  // HTML stripped, order kept
    bool piiSeen = false;
    for (const auto& d : enDocs) {
      const std::string t = d["text"];
      QVERIFY(t.find("li.lei@example.org") == std::string::npos && t.find("13912345678") == std::string::npos);
      piiSeen |= t.find("<EMAIL>") != std::string::npos && t.find("<PHONE>") != std::string::npos;
    }
    QVERIFY(piiSeen);
    const Json report = readJsonFile(out + "/report.json");
    QCOMPARE(report["stages"].size(), size_t(7));
    QCOMPARE(report["stages"][0]["notes"].size(), size_t(1));
    QVERIFY(fs::exists(out + "/mix.jsonl"));
  }

  void pipelineOutputDoesNotDependOnThreads() {
    planted::Generator g(5);
    std::string lines;
    for (int i = 0; i < 120; ++i) lines += Json({{"text", i % 3 ? g.english(6) : g.chinese(6)}}).dump() + "\n";
    writeFileAtomic(dir("threads.jsonl"), lines);
    std::string outputs[2];
    for (int threads : {1, 2}) {
      const Json config = {{"inputs", {"threads.jsonl"}},
                           {"output_dir", "threads_" + std::to_string(threads)},
                           {"threads", threads},
                           {"batch_size", 7},
                           {"route_by_language", false}};
      runPipeline(PipelineConfig::fromJson(config, "pipeline.json", tmp_.path().toStdString()));
      outputs[threads - 1] = readFile(dir("threads_" + std::to_string(threads)) + "/all.jsonl");
    }
    QVERIFY(!outputs[0].empty());
    QCOMPARE(outputs[0], outputs[1]);
  }

  void badConfigNamesTheField() {
    try {
      PipelineConfig::fromJson({{"inputs", {"x"}}, {"output_dir", "o"}, {"dedup", {{"bands", 3}}}}, "pipeline.json", "");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("pipeline.json: dedup") == 0, e.what());
    }
  }

  void mixingHitsTokenRatiosDeterministically() {
    planted::Generator g(9);
    JsonlWriter zh(dir("mix_zh.jsonl")), en(dir("mix_en.jsonl"));
    for (int i = 0; i < 300; ++i) zh.write({"z" + std::to_string(i), g.chinese(4 + i % 5), "zh", ""});
    for (int i = 0; i < 200; ++i) en.write({"e" + std::to_string(i), g.english(4 + i % 5), "en", ""});
    zh.commit();
    en.commit();
    const std::vector<MixSource> sources = {{"zh", dir("mix_zh.jsonl"), 0.3}, {"en", dir("mix_en.jsonl"), 0.7}};
    MixOptions o;
    o.seed = 17;
    const StageReport r = mixSources(sources, o, dir("mix_a.jsonl"));
    const double zhTokens = static_cast<double>(r.counter("tokens.zh"));
    const double enTokens = static_cast<double>(r.counter("tokens.en"));
    const double share = zhTokens / (zhTokens + enTokens);
    qInfo("zh share %.3f (target 0.3), %lld docs", share, static_cast<long long>(r.docsKept()));
    QVERIFY(std::abs(share - 0.3) < 0.02);
    QVERIFY(r.droppedFor("not_sampled") > 0);  // English is the limiting source; part of zh is left out

    // Recount from the written file: the report must describe what was written.
    int64_t zhCount = 0, enCount = 0;
    for (const auto& d : readJsonl(dir("mix_a.jsonl")))
      (d["source"] == "zh" ? zhCount : enCount) += approximateTokenCount(d["text"].get<std::string>());
    QCOMPARE(static_cast<double>(zhCount), zhTokens);
    QCOMPARE(static_cast<double>(enCount), enTokens);

    mixSources(sources, o, dir("mix_b.jsonl"));
    QCOMPARE(readFile(dir("mix_a.jsonl")), readFile(dir("mix_b.jsonl")));
    o.seed = 18;
    mixSources(sources, o, dir("mix_c.jsonl"));
    QVERIFY(readFile(dir("mix_a.jsonl")) != readFile(dir("mix_c.jsonl")));

    // Upsampling: a budget larger than the data needs allow_repeat.
    MixOptions big;
    big.totalTokens = 3 * (static_cast<int64_t>(zhTokens + enTokens));
    const StageReport noRepeat = mixSources(sources, big, dir("mix_d.jsonl"));
    QVERIFY(!noRepeat.notes().empty());
    big.allowRepeat = true;
    const StageReport repeat = mixSources(sources, big, dir("mix_e.jsonl"));
    QVERIFY(repeat.counter("tokens.en") >= repeat.counter("tokens_budget.en"));
  }
};

QTEST_APPLESS_MAIN(TestIngestPipeline)
#include "test_ingest_pipeline.moc"
