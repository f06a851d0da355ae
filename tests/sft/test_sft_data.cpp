// Instruction data before training: the Alpaca/ShareGPT readers and their errors (file:line and
// field), the assistant-only loss mask, packing, the batch source's order and resume position,
// the validation split, the job file (flat names, defaults per command, errors), and the domain
// packs' shipped sets.
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "core/tokenizer/chat_template.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/sft/sft_fixture.h"
#include "training/sft/conversation_reader.h"
#include "training/sft/domain_pack.h"
#include "training/sft/example_encoder.h"
#include "training/sft/sequence_batch_source.h"
#include "training/sft/sft_config.h"
#include "training/sft/training_sequences.h"
#include "training/sft/validation_split.h"

using namespace mindllm;
using namespace mindllm::sft;
using sftfix::errorOf;

class TestSftData : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::shared_ptr<Tokenizer> tok_;

  std::string path(const std::string& name) { return tmp_.filePath(QString::fromStdString(name)).toStdString(); }

  std::string readError(const std::vector<std::string>& lines, DatasetFormat format = DatasetFormat::Auto) {
    const std::string file = path("bad.jsonl");
    sftfix::writeLines(file, lines);
    return errorOf([&] { readConversations(file, format); });
  }

private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    tok_ = loadTokenizer(sftfix::tokenizerDir());
  }

  void readsBothFormatsAndAutoDetects() {
    const std::string file = path("mixed.jsonl");
    sftfix::writeLines(file, {
        R"({"instruction": "Summarise.", "input": "The court reviewed the appeal.", "output": "An appeal was reviewed.", "source": "law"})",
        "",
        R"({"conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello."}, {"from": "human", "value": "Bye"}, {"from": "gpt", "value": "Goodbye."}], "domain": "chat"})",
        R"({"messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}], "task": "math"})",
        R"({"instruction": "No source here.", "output": "Then the file name is the source."})",
    });
    const auto c = readConversations(file, DatasetFormat::Auto);
    QCOMPARE(c.size(), size_t(4));
    QCOMPARE(c[0].messages.size(), size_t(2));
    QCOMPARE(c[0].messages[0].content, std::string("Summarise.\n\nThe court reviewed the appeal."));
    QCOMPARE(c[0].source, std::string("law"));
    QCOMPARE(c[1].line, 3L);  // blank line 2 skipped, numbering kept
    QCOMPARE(c[1].messages.size(), size_t(5));
    QCOMPARE(c[1].messages[0].role, std::string("system"));
    QCOMPARE(c[1].messages[4].role, std::string("assistant"));
    QCOMPARE(c[1].source, std::string("chat"));
    QCOMPARE(c[2].source, std::string("math"));
    QCOMPARE(c[3].source, std::string("mixed"));
    QCOMPARE(c[3].record, std::string(R"({"instruction": "No source here.", "output": "Then the file name is the source."})"));
  }

  void malformedLineNamesFileLineAndField() {
    const std::string good = R"({"instruction": "a", "output": "b"})";
    std::string e = readError({good, good, good, good, good, good, R"({"instruction": "a"})", good});
    QVERIFY2(e.find("bad.jsonl:7: field \"output\" missing") != std::string::npos, e.c_str());
    e = readError({good, good, good, "{\"instruction\": \"a\", \"output\": "});
    QVERIFY2(e.find("bad.jsonl:4: not valid JSON") != std::string::npos, e.c_str());
    e = readError({good, R"({"conversations": [{"from": "human", "value": "q"}, {"from": "robot", "value": "a"}]})"});
    QVERIFY2(e.find("bad.jsonl:2: field \"conversations[1].from\": unknown role \"robot\"") != std::string::npos, e.c_str());
    e = readError({R"({"conversations": [{"from": "human", "value": "q"}]})"});
    QVERIFY2(e.find("bad.jsonl:1: field \"conversations\": no assistant message") != std::string::npos, e.c_str());
    e = readError({good, R"({"messages": [{"role": "user", "content": 5}, {"role": "assistant", "content": "a"}]})"});
    QVERIFY2(e.find("bad.jsonl:2: field \"messages[0].content\": expected a string") != std::string::npos, e.c_str());
    e = readError({good, R"({"text": "pretraining text"})"});
    QVERIFY2(e.find("bad.jsonl:2: neither an Alpaca record") != std::string::npos, e.c_str());
    e = readError({good}, DatasetFormat::ShareGpt);
    QVERIFY2(e.find("bad.jsonl:1: field \"conversations\" missing") != std::string::npos, e.c_str());
    e = readError({R"({"instruction": "a", "output": 3})"});
    QVERIFY2(e.find("bad.jsonl:1: field \"output\": expected a string, got 3") != std::string::npos, e.c_str());
  }

  void lossMaskCoversRepliesOnly() {
    const auto tmpl = ChatTemplate::byName("mindllm");
    Conversation c;
    c.messages = {{"user", "What did the court do?"}, {"assistant", "The court reviewed the appeal."},
                  {"user", "And then?"}, {"assistant", "It ruled."}};
    const ExampleEncoder encoder(*tok_, tmpl, SystemPrompt{"You are a legal assistant.", "", ""});
    const EncodedExample e = encoder.encode(c);
    QCOMPARE(e.ids.size(), e.trained.size());
    // The whole sequence is the template's rendering of the conversation with the system prompt.
    std::vector<ChatMessage> all = c.messages;
    all.insert(all.begin(), ChatMessage{"system", "You are a legal assistant."});
    QCOMPARE(tok_->decode(e.ids), tmpl.render(all, false));
    // Trained tokens, run by run, are exactly each reply followed by the turn's closing text.
    std::vector<std::string> runs;
    std::vector<TokenId> current;
    for (size_t i = 0; i <= e.ids.size(); ++i) {
      if (i < e.ids.size() && e.trained[i]) {
        current.push_back(e.ids[i]);
      } else if (!current.empty()) {
        runs.push_back(tok_->decode(current));
        current.clear();
      }
    }
    QCOMPARE(runs.size(), size_t(2));
    QCOMPARE(runs[0], "The court reviewed the appeal." + tmpl.assistantTurnEnd());
    QCOMPARE(runs[1], "It ruled." + tmpl.assistantTurnEnd());
    QCOMPARE(e.trainedTokens(), int64_t(tok_->encode(runs[0]).size() + tok_->encode(runs[1]).size()));
  }

  void systemPromptFollowsLanguageAndNeverOverridesTheData() {
    const SystemPrompt prompts{"", "你是法律助手。", "You are a legal assistant."};
    Conversation zh, en, own;
    zh.messages = {{"user", "合同何时成立？"}, {"assistant", "承诺生效时。"}};
    en.messages = {{"user", "When is a contract formed?"}, {"assistant", "On acceptance."}};
    own.messages = {{"system", "Custom."}, {"user", "Hi"}, {"assistant", "Hello."}};
    const ExampleEncoder encoder(*tok_, ChatTemplate::byName("chatml"), prompts);
    QVERIFY(tok_->decode(encoder.encode(zh).ids).find("你是法律助手。") != std::string::npos);
    QVERIFY(tok_->decode(encoder.encode(en).ids).find("You are a legal assistant.") != std::string::npos);
    const std::string ownText = tok_->decode(encoder.encode(own).ids);
    QVERIFY(ownText.find("Custom.") != std::string::npos);
    QVERIFY(ownText.find("legal assistant") == std::string::npos);
  }

  void packingKeepsEveryReplyTokenAndNothingAcrossExamples() {
    const ExampleEncoder encoder(*tok_, ChatTemplate::byName("mindllm"));
    std::vector<EncodedExample> examples;
    int64_t replyTokens = 0;
    for (const auto& q : sftfix::grammarQa(40, 3)) {
      Conversation c;
      c.messages = {{"user", q.question}, {"assistant", q.answer}};
      examples.push_back(encoder.encode(c));
      replyTokens += examples.back().trainedTokens();
    }
    const TokenId pad = *tok_->eosId();
    const TrainingSequences packed = buildTrainingSequences(examples, 64, true, pad);
    const TrainingSequences single = buildTrainingSequences(examples, 64, false, pad);
    QCOMPARE(single.count(), int64_t(40));
    // Several examples per sequence, and little padding: within 25% of the ideal row count.
    int64_t tokens = 0;
    for (const auto& e : examples) tokens += static_cast<int64_t>(e.ids.size());
    QVERIFY2(packed.count() * 64 < tokens * 5 / 4, qPrintable(QString("%1 rows for %2 tokens").arg(packed.count()).arg(tokens)));
    QVERIFY(packed.count() * 3 < single.count() * 2);
    QCOMPARE(packed.trainedTokens, replyTokens);
    QCOMPARE(single.trainedTokens, replyTokens);
    QCOMPARE((packed.targets != -100).sum().item<int64_t>(), replyTokens);
    QCOMPARE((single.targets != -100).sum().item<int64_t>(), replyTokens);
    // Each target is the next input of its own example: where a target is set, it equals the
    // following input token (inside a sequence), so no example predicts into the next one.
    for (const auto* s : {&packed, &single}) {
      const auto in = s->inputs.narrow(1, 1, 63), tg = s->targets.narrow(1, 0, 63);
      const auto set = tg != -100;
      QVERIFY(torch::equal(tg.masked_select(set), in.masked_select(set)));
    }
    // A too-long example is cut; one whose reply lies wholly past the cut is dropped.
    EncodedExample longOne = examples[0];
    longOne.ids.insert(longOne.ids.begin(), 100, longOne.ids[0]);
    longOne.trained.insert(longOne.trained.begin(), 100, 0);
    const TrainingSequences cut = buildTrainingSequences({examples[1], longOne}, 64, true, pad);
    QCOMPARE(cut.dropped, int64_t(1));
    QCOMPARE(cut.truncated, int64_t(1));
    QCOMPARE(cut.examples, int64_t(1));
  }

  void batchSourceIsDeterministicResumableAndSplitsRanks() {
    const ExampleEncoder encoder(*tok_, ChatTemplate::byName("mindllm"));
    std::vector<EncodedExample> examples;
    for (const auto& q : sftfix::grammarQa(30, 5)) {
      Conversation c;
      c.messages = {{"user", q.question}, {"assistant", q.answer}};
      examples.push_back(encoder.encode(c));
    }
    const auto seqs = buildTrainingSequences(examples, 32, false, 0);
    SequenceBatchSource a(seqs, true, true, 7, 0, 1), b(seqs, true, true, 7, 0, 1);
    std::vector<train::Batch> first;
    for (int i = 0; i < 20; ++i) first.push_back(a.next(4));  // 80 sequences: past two epochs
    for (int i = 0; i < 9; ++i) b.next(4);
    SequenceBatchSource resumed(seqs, true, true, 7, 0, 1);
    resumed.seek(b.position());
    for (int i = 9; i < 20; ++i) QVERIFY(torch::equal(resumed.next(4).inputs, first[static_cast<size_t>(i)].inputs));
    // Each epoch visits every sequence once.
    std::set<std::string> seen;
    for (int i = 0; i < 7; ++i) {  // sequences 0..27 of epoch 0
      const auto rows = first[static_cast<size_t>(i)].inputs;
      for (int64_t r = 0; r < 4; ++r) seen.insert(std::string(reinterpret_cast<const char*>(rows[r].data_ptr<int64_t>()), 32 * 8));
    }
    QCOMPARE(seen.size(), size_t(28));
    // Two ranks with half the batch read what one process reads with the whole batch.
    SequenceBatchSource r0(seqs, true, true, 7, 0, 2), r1(seqs, true, true, 7, 1, 2), one(seqs, true, true, 7, 0, 1);
    for (int i = 0; i < 5; ++i) {
      const auto whole = one.next(4).inputs;
      const auto x0 = r0.next(2).inputs, x1 = r1.next(2).inputs;
      QVERIFY(torch::equal(x0[0], whole[0]) && torch::equal(x1[0], whole[1]));
      QVERIFY(torch::equal(x0[1], whole[2]) && torch::equal(x1[1], whole[3]));
    }
    // Validation does not wrap: past the end it adds only ignored targets.
    SequenceBatchSource val(seqs, false, false, 7, 0, 1);
    int64_t targets = 0;
    for (int i = 0; i < 10; ++i) targets += (val.next(8).targets != -100).sum().item<int64_t>();
    QCOMPARE(targets, seqs.trainedTokens);
    // A checkpoint from other data is refused.
    const auto fewer = buildTrainingSequences(std::vector<EncodedExample>(examples.begin(), examples.begin() + 10), 32, false, 0);
    SequenceBatchSource other(fewer, true, true, 7, 0, 1);
    const std::string e = errorOf([&] { other.seek(a.position()); });
    QVERIFY2(e.find("30 training sequences") != std::string::npos, e.c_str());
  }

  void validationSplitIsStableAndOrderFree() {
    std::vector<Conversation> samples;
    for (const auto& line : sftfix::alpacaLines(sftfix::grammarQa(400, 9)))
      samples.push_back(parseConversation(line, DatasetFormat::Auto, "x.jsonl", 1));
    const Split s = splitForValidation(samples, 0.1, 42);
    QVERIFY(s.val.size() > 20 && s.val.size() < 70);
    QCOMPARE(s.val.size() + s.train.size(), samples.size());
    std::vector<Conversation> reversed(samples.rbegin(), samples.rend());
    const Split r = splitForValidation(reversed, 0.1, 42);
    std::multiset<std::string> a, b;
    for (const auto& c : s.val) a.insert(c.record);
    for (const auto& c : r.val) b.insert(c.record);
    QVERIFY(a == b);
    const Split tiny = splitForValidation(std::vector<Conversation>(samples.begin(), samples.begin() + 3), 0.01, 42);
    QCOMPARE(tiny.val.size(), size_t(1));  // a positive fraction always holds something out
    QCOMPARE(splitForValidation(samples, 0, 42).val.size(), size_t(0));
  }

  void jobFileTakesFlatNamesAndCommandDefaults() {
    const std::string base = sftfix::makeBase(path("base"));
    sftfix::writeLines(path("train.jsonl"), sftfix::alpacaLines(sftfix::grammarQa(20, 1)));
    const Json job = {{"output_dir", "out"}, {"init_from", "base"}, {"max_steps", 7}, {"micro_batch", 2},
                      {"sft", {{"train_file", "train.jsonl"}}}};
    const std::string dir = tmp_.path().toStdString();
    SftJob sft = sftJobFromJson(job, "job.json", dir, {}, "full");
    QCOMPARE(sft.sft.method, std::string("full"));
    QCOMPARE(sft.run.maxSteps, int64_t(7));
    QCOMPARE(sft.run.microBatch, int64_t(2));
    QCOMPARE(sft.run.initFrom, base);
    QCOMPARE(sft.run.tokenizerDir, base);  // tokenizer_dir defaults to init_from
    QCOMPARE(sft.run.seqLen, int64_t(256));  // the model's window (tiny-llama), under 1024
    QCOMPARE(sft.run.lr, 2e-5);
    QCOMPARE(sft.sft.trainFile, path("train.jsonl"));
    SftJob lora = sftJobFromJson(job, "job.json", dir, {"lr=1e-3", "sft.lora.rank=4"}, "lora");
    QCOMPARE(lora.sft.method, std::string("lora"));
    QCOMPARE(lora.run.lr, 1e-3);
    QCOMPARE(lora.run.minLr, 1e-4);
    QCOMPARE(lora.sft.lora.rank, int64_t(4));
    QCOMPARE(sftJobFromJson(job, "job.json", dir, {}, "lora").run.lr, 2e-4);
    QCOMPARE(sftJobFromJson(job, "job.json", dir, {"sft.method=full"}, "lora").sft.method, std::string("full"));

    auto fails = [&](Json j, std::vector<std::string> overrides = {}) {
      return errorOf([&] { sftJobFromJson(j, "job.json", dir, overrides, "full"); });
    };
    Json both = job;
    both["optimizer"] = {{"lr", 1e-4}};
    both["lr"] = 1e-4;
    std::string e = fails(both);
    QVERIFY2(e.find("give either 'lr' or 'optimizer.lr'") != std::string::npos, e.c_str());
    Json typo = job;
    typo["sft"]["metod"] = "lora";
    e = fails(typo);
    QVERIFY2(e.find("job.json: unknown field 'sft.metod'") != std::string::npos, e.c_str());
    e = fails(job, {"sft.method=qlora"});
    QVERIFY2(e.find("field 'sft.method'") != std::string::npos, e.c_str());
    Json noBase = job;
    noBase.erase("init_from");
    e = fails(noBase);
    QVERIFY2(e.find("field 'init_from'") != std::string::npos, e.c_str());
    Json noData = job;
    noData["sft"].erase("train_file");
    e = fails(noData);
    QVERIFY2(e.find("field 'sft.train_file'") != std::string::npos, e.c_str());
    Json badDomain = job;
    badDomain["sft"]["domain"] = "medicine";
    e = fails(badDomain);
    QVERIFY2(e.find("field 'sft.domain': unknown domain pack \"medicine\"") != std::string::npos, e.c_str());
    QVERIFY2(e.find("law") != std::string::npos, e.c_str());
    e = fails(job, {"sft.val_fraction=0.9"});
    QVERIFY2(e.find("field 'sft.val_fraction'") != std::string::npos, e.c_str());
    // A domain pack supplies its system prompts and, without a train_file, its data.
    Json law = noData;
    law["sft"]["domain"] = "law";
    const SftJob lawJob = sftJobFromJson(law, "job.json", dir, {}, "lora");
    QCOMPARE(lawJob.sft.trainFile, sftfix::domainsDir() + "/law/sft_alpaca.jsonl");
    QVERIFY(lawJob.sft.prompts.zh.find("法律助手") != std::string::npos);
    QVERIFY(lawJob.sft.prompts.en.find("Legal Assistant") != std::string::npos);
  }

  void domainPacksShipBothFormatsInBothLanguages() {
    for (const std::string name : {"law", "finance"}) {
      const DomainPack pack = loadDomainPack(name, "test");
      for (const auto& [file, format] : {std::pair{pack.alpacaFile, DatasetFormat::Alpaca},
                                         std::pair{pack.shareGptFile, DatasetFormat::ShareGpt}}) {
        const auto samples = readConversations(file, format);  // every line parses strictly
        QVERIFY2(samples.size() >= 60 && samples.size() <= 150, file.c_str());
        int zh = 0, en = 0;
        std::set<std::string> sources;
        for (const auto& c : samples) {
          QVERIFY2(c.record.find("\"source\"") != std::string::npos, c.record.c_str());
          sources.insert(c.source);
          (looksChinese(c.messages.front().content) ? zh : en)++;
        }
        QVERIFY2(zh >= 25 && en >= 25, file.c_str());
        QVERIFY2(sources.size() >= 4, file.c_str());
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestSftData)
#include "test_sft_data.moc"
