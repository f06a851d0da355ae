// JobStore over a real SQLite file: create and read back, the name rules, the life cycle enforced
// against the stored state, interrupted jobs after a restart, and that a refused change leaves the
// database byte for byte as it was. Also the schema: the jobs table arrives as migration v4 on a
// file made by the chat history (v3) without touching its conversations.
#include <QtTest>
#include <set>

#include "core/jobs/job_store.h"
#include "core/storage/chat_store.h"
#include "core/util/error.h"
#include "job_test_support.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using namespace mindllm::jobs;
using jobs_test::draft;
using jobs_test::dumpDatabase;
using mindllm::test::errorText;

namespace {

std::unique_ptr<JobStore> openStore(const std::string& path) {
  auto store = std::make_unique<JobStore>(path);
  auto clock = std::make_shared<jobs_test::FakeClock>();
  store->setClock([clock] { return (*clock)(); });
  return store;
}

}  // namespace

class TestJobStore : public QObject {
  Q_OBJECT
  jobs_test::TempFolder dir_;

private Q_SLOTS:
  void createAndReadBack() {
    auto store = openStore(dir_.freshDatabase());
    JobDraft d = draft("law-lora");
    d.command = "sft";
    d.method = "full";
    d.valDataset = "/data/val.jsonl";
    d.device = "cuda:1";
    d.hyperparameters.lr = 3e-5;
    d.hyperparameters.lora.rank = 4;
    d.hyperparameters.domain = "law";
    d.hyperparameters.systemPrompt = "你是一名法律助理。";
    const Job created = store->create(d);
    QVERIFY(created.id > 0);
    QCOMPARE(created.state, JobState::Queued);
    QVERIFY(created.createdAt > 0);
    QCOMPARE(created.queuedAt, created.createdAt);

    const Job read = store->require(created.id);
    QCOMPARE(read.name, std::string("law-lora"));
    QCOMPARE(read.command, std::string("sft"));
    QCOMPARE(read.method, std::string("full"));
    QCOMPARE(read.valDataset, std::string("/data/val.jsonl"));
    QCOMPARE(read.device, std::string("cuda:1"));
    QCOMPARE(read.hyperparameters.lr, 3e-5);
    QCOMPARE(read.hyperparameters.lora.rank, int64_t(4));
    QCOMPARE(read.hyperparameters.domain, std::string("law"));
    QCOMPARE(read.hyperparameters.systemPrompt, std::string("你是一名法律助理。"));
    QVERIFY(!store->job(created.id + 100).has_value());
    QVERIFY(errorText<Error>([&] { store->require(999); }).contains("job 999 not found"));
  }

  void listIsNewestFirst() {
    auto store = openStore(dir_.freshDatabase());
    store->create(draft("a"));
    store->create(draft("b"));
    store->create(draft("c"));
    const auto jobs = store->list();
    QCOMPARE(jobs.size(), size_t(3));
    QCOMPARE(jobs[0].name, std::string("c"));
    QCOMPARE(jobs[2].name, std::string("a"));
  }

  void badDraftsAreRefusedAndChangeNothing() {
    const std::string path = dir_.freshDatabase();
    auto store = openStore(path);
    store->create(draft("taken"));
    const std::string before = dumpDatabase(path);
    QVERIFY(errorText<Error>([&] { store->create(draft("taken")); }).contains("another job already has this name"));
    QVERIFY(errorText<Error>([&] { store->create(draft("")); }).contains("must not be empty"));
    QVERIFY(errorText<Error>([&] { store->create(draft("a/b")); }).contains("must not contain"));
    QVERIFY(errorText<Error>([&] { store->create(draft("..")); }).contains("dot"));
    JobDraft noModel = draft("x");
    noModel.baseModel.clear();
    QVERIFY(errorText<Error>([&] { store->create(noModel); }).contains("base_model"));
    JobDraft badMethod = draft("y");
    badMethod.method = "qlora";
    QVERIFY(errorText<Error>([&] { store->create(badMethod); }).contains("field 'method'"));
    QCOMPARE(dumpDatabase(path), before);
  }

  void lifeCycleFollowsTheRules() {
    const std::string path = dir_.freshDatabase();
    auto store = openStore(path);
    const Job j = store->create(draft("cycle"));
    const Job running = store->transition(j.id, JobState::Running, {{}, {}, 4242});
    QCOMPARE(running.state, JobState::Running);
    QCOMPARE(running.pid, int64_t(4242));
    QVERIFY(running.startedAt > j.createdAt);

    const Job paused = store->transition(j.id, JobState::Paused);
    QCOMPARE(paused.pid, int64_t(0));
    QVERIFY(paused.finishedAt >= running.startedAt);

    // Paused cannot succeed, and the refusal changes nothing.
    const std::string before = dumpDatabase(path);
    const QString refused = errorText<Error>([&] { store->transition(j.id, JobState::Succeeded); });
    QVERIFY2(refused.contains("cannot go from paused to succeeded"), qPrintable(refused));
    QVERIFY(refused.contains("cycle"));
    QCOMPARE(dumpDatabase(path), before);

    // Resume: back in the queue at its end.
    const Job requeued = store->transition(j.id, JobState::Queued);
    QVERIFY(requeued.queuedAt > j.queuedAt);
    store->transition(j.id, JobState::Running, {{}, {}, 77});
    const Job failed = store->transition(j.id, JobState::Failed, {"error: data.jsonl:3: field \"output\" missing"});
    QCOMPARE(failed.lastError, std::string("error: data.jsonl:3: field \"output\" missing"));
    // Retrying clears the error; success records the model.
    QCOMPARE(store->transition(j.id, JobState::Queued).lastError, std::string());
    store->transition(j.id, JobState::Running);
    const Job done = store->transition(j.id, JobState::Succeeded, {{}, "/ft/cycle"});
    QCOMPARE(done.outputModel, std::string("/ft/cycle"));
    QVERIFY(errorText<Error>([&] { store->transition(j.id, JobState::Queued); }).contains("cannot go from succeeded"));
    QVERIFY(errorText<Error>([&] { store->transition(j.id, JobState::Cancelled); }).contains("cannot go from succeeded"));
  }

  void stateMachineTable() {
    // Every pair once: the allowed ones and nothing else.
    const std::vector<JobState> all = {JobState::Queued, JobState::Running, JobState::Paused, JobState::Interrupted,
                                       JobState::Succeeded, JobState::Failed, JobState::Cancelled};
    const std::set<std::pair<JobState, JobState>> allowed = {
        {JobState::Queued, JobState::Running},      {JobState::Queued, JobState::Cancelled},
        {JobState::Queued, JobState::Failed},       {JobState::Running, JobState::Paused},
        {JobState::Running, JobState::Interrupted}, {JobState::Running, JobState::Succeeded},
        {JobState::Running, JobState::Failed},      {JobState::Running, JobState::Cancelled},
        {JobState::Paused, JobState::Queued},       {JobState::Paused, JobState::Cancelled},
        {JobState::Interrupted, JobState::Queued},  {JobState::Interrupted, JobState::Cancelled},
        {JobState::Failed, JobState::Queued},       {JobState::Failed, JobState::Cancelled},
    };
    for (JobState from : all)
      for (JobState to : all)
        QVERIFY2(canTransition(from, to) == (allowed.count({from, to}) == 1),
                 qPrintable(QStringLiteral("%1 -> %2").arg(toString(from), toString(to))));
    for (JobState s : all) QCOMPARE(jobStateFromString(toString(s)), s);
    QVERIFY(errorText<Error>([] { jobStateFromString("exploded"); }).contains("exploded"));
  }

  void runningJobsBecomeInterruptedOnReopen() {
    const std::string path = dir_.freshDatabase();
    int64_t runningId = 0, queuedId = 0, pausedId = 0;
    {
      auto store = openStore(path);
      runningId = store->create(draft("was-running")).id;
      queuedId = store->create(draft("waiting")).id;
      pausedId = store->create(draft("paused")).id;
      store->transition(runningId, JobState::Running, {{}, {}, 31337});
      store->setProgress(runningId, 40, 100);
      store->transition(pausedId, JobState::Running);
      store->transition(pausedId, JobState::Paused);
    }  // the app dies here
    auto store = openStore(path);
    const auto stranded = store->markRunningAsInterrupted();
    QCOMPARE(stranded.size(), size_t(1));
    QCOMPARE(stranded[0].id, runningId);
    QCOMPARE(stranded[0].pid, int64_t(31337));
    const Job j = store->require(runningId);
    QCOMPARE(j.state, JobState::Interrupted);
    QCOMPARE(j.step, int64_t(40));
    QCOMPARE(j.maxSteps, int64_t(100));
    QVERIFY(QString::fromStdString(j.lastError).contains("Resume"));
    QCOMPARE(store->require(queuedId).state, JobState::Queued);
    QCOMPARE(store->require(pausedId).state, JobState::Paused);
    QVERIFY(store->markRunningAsInterrupted().empty());
    QCOMPARE(store->transition(runningId, JobState::Queued).state, JobState::Queued);
  }

  void removeOnlyStoppedJobs() {
    auto store = openStore(dir_.freshDatabase());
    const Job j = store->create(draft("rm"));
    QVERIFY(errorText<Error>([&] { store->remove(j.id); }).contains("cancel it before deleting"));
    store->transition(j.id, JobState::Cancelled);
    store->remove(j.id);
    QVERIFY(!store->job(j.id));
    QVERIFY(!store->nameTaken("rm"));
  }

  void migratesAChatDatabaseWithoutTouchingIt() {
    const std::string path = dir_.freshDatabase();
    int64_t conversation = 0;
    {
      storage::ChatStore chats(path);
      storage::Conversation c;
      c.title = "合同审查";
      conversation = chats.createConversation(c).id;
      chats.addMessage(conversation, "user", "违约责任是什么？");
    }
    {  // make it the file the release before jobs wrote

      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
      QCOMPARE(sqlite3_exec(db, "DROP TABLE jobs; DROP TABLE IF EXISTS eval_scores; DROP TABLE IF EXISTS eval_runs; "
                               "PRAGMA user_version = 3;", nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_close(db);
    }
    auto store = openStore(path);
    QVERIFY(storage::ChatStore::currentSchemaVersion() >= 4);
    store->create(draft("after-migration"));
    storage::ChatStore chats(path);
    QCOMPARE(chats.schemaVersion(), storage::ChatStore::currentSchemaVersion());
    QCOMPARE(chats.messages(conversation).size(), size_t(1));
    QCOMPARE(chats.integrityCheck(), std::string("ok"));
    QCOMPARE(store->list().size(), size_t(1));
  }

  void corruptHyperparametersNameTheJob() {
    const std::string path = dir_.freshDatabase();
    auto store = openStore(path);
    const Job j = store->create(draft("corrupt"));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "UPDATE jobs SET hyperparameters = '{\"lr\": \"fast\"}'", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const QString error = errorText<Error>([&] { store->require(j.id); });
    QVERIFY2(error.contains(QStringLiteral("job %1 hyperparameters").arg(j.id)) && error.contains("field 'lr'"),
             qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TestJobStore)
#include "test_job_store.moc"
