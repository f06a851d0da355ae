// The pure rules of the job manager: the queue (one running job per device, first in first out),
// what a process's end means for its job, hyperparameter defaults and validation, and the job.json
// the fine-tuning command reads.
#include <QtTest>

#include "core/jobs/job_config.h"
#include "core/jobs/job_exit.h"
#include "core/jobs/job_queue.h"
#include "core/util/atomic_file.h"
#include "core/util/json_file.h"
#include "core/util/error.h"
#include "job_test_support.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using namespace mindllm::jobs;
using mindllm::test::errorText;

namespace {

Job job(int64_t id, JobState state, const std::string& device, int64_t queuedAt) {
  Job j;
  static_cast<JobDraft&>(j) = jobs_test::draft("j" + std::to_string(id), device);
  j.id = id;
  j.state = state;
  j.queuedAt = queuedAt;
  return j;
}

}  // namespace

class TestJobRules : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void queueStartsTheOldestPerDevice() {
    std::vector<Job> jobs = {job(1, JobState::Queued, "cpu", 300), job(2, JobState::Queued, "cpu", 100),
                             job(3, JobState::Queued, "cuda:0", 200), job(4, JobState::Queued, "cuda", 50),
                             job(5, JobState::Paused, "cpu", 10)};
    // cuda and cuda:0 are one device: job 4 entered the queue first.
    QCOMPARE(jobsToStart(jobs), (std::vector<int64_t>{4, 2}));
    QCOMPARE(queuePosition(jobs, 1), 2);
    QCOMPARE(queuePosition(jobs, 2), 1);
    QCOMPARE(queuePosition(jobs, 3), 2);
    QCOMPARE(queuePosition(jobs, 5), 0);
    // Same queued_at: the smaller id first.
    jobs[0].queuedAt = 100;
    QCOMPARE(jobsToStart(jobs).back(), int64_t(1));
  }

  void aBusyDeviceStartsNothing() {
    std::vector<Job> jobs = {job(1, JobState::Running, "cpu", 0), job(2, JobState::Queued, "cpu", 1),
                             job(3, JobState::Queued, "cuda:1", 2)};
    QCOMPARE(jobsToStart(jobs), (std::vector<int64_t>{3}));
    QCOMPARE(jobsToStart(jobs, 2), (std::vector<int64_t>{2, 3}));
    jobs[0].state = JobState::Succeeded;
    QCOMPARE(jobsToStart(jobs), (std::vector<int64_t>{2, 3}));
    QVERIFY(jobsToStart({}).empty());
  }

  void processEndDecidesTheState() {
    ProcessEnd done{false, kExitFinished, true, ""};
    QCOMPARE(outcomeOf(done, StopRequest::None).state, JobState::Succeeded);
    QVERIFY(outcomeOf(done, StopRequest::None).publishModel);
    QCOMPARE(outcomeOf(done, StopRequest::Cancel).state, JobState::Cancelled);
    QVERIFY(!outcomeOf(done, StopRequest::Cancel).publishModel);

    ProcessEnd noModel{false, kExitFinished, false, ""};
    QCOMPARE(outcomeOf(noModel, StopRequest::None).state, JobState::Failed);
    QVERIFY(QString::fromStdString(outcomeOf(noModel, StopRequest::None).error).contains("done"));

    ProcessEnd stopped{false, kExitStopped, false, ""};
    QCOMPARE(outcomeOf(stopped, StopRequest::Pause).state, JobState::Paused);
    QCOMPARE(outcomeOf(stopped, StopRequest::AppClosing).state, JobState::Interrupted);
    QCOMPARE(outcomeOf(stopped, StopRequest::Cancel).state, JobState::Cancelled);
    QCOMPARE(outcomeOf(stopped, StopRequest::None).state, JobState::Paused);

    ProcessEnd bad{false, kExitBadInput, false, "error: data.jsonl:17: field \"output\" missing"};
    const ExitOutcome failed = outcomeOf(bad, StopRequest::None);
    QCOMPARE(failed.state, JobState::Failed);
    QCOMPARE(failed.error, bad.lastErrorLine);
    QVERIFY(QString::fromStdString(outcomeOf({false, 1, false, ""}, StopRequest::None).error).contains("status 1"));

    ProcessEnd killed{true, 9, false, ""};
    QCOMPARE(outcomeOf(killed, StopRequest::None).state, JobState::Failed);
    QVERIFY(QString::fromStdString(outcomeOf(killed, StopRequest::None).error).contains("Resume"));
    QCOMPARE(outcomeOf(killed, StopRequest::Cancel).state, JobState::Cancelled);
    QCOMPARE(outcomeOf(killed, StopRequest::AppClosing).state, JobState::Interrupted);
  }

  void lastErrorLineFindsTheLastOne() {
    QCOMPARE(lastErrorLine("step 1\nerror: first\nstep 2\nmindllm-cli sft: error: data.jsonl:4: bad\n\n"),
             std::string("error: data.jsonl:4: bad"));
    QCOMPARE(lastErrorLine("all good\nstill good"), std::string());
    QCOMPARE(lastErrorLine("error: only line"), std::string("error: only line"));
    QCOMPARE(lastErrorLine(""), std::string());
  }

  void defaultsFollowModelSize() {
    const JobHyperparameters tinyLora = defaultHyperparameters(5'000'000, 256, "lora");
    const JobHyperparameters bigLora = defaultHyperparameters(1'300'000'000, 2048, "lora");
    const JobHyperparameters bigFull = defaultHyperparameters(1'300'000'000, 2048, "full");
    const JobHyperparameters hugeFull = defaultHyperparameters(3'000'000'000, 2048, "full");
    QCOMPARE(tinyLora.seqLen, int64_t(256));  // never past the model's window
    QCOMPARE(bigLora.seqLen, int64_t(1024));
    QVERIFY(tinyLora.microBatch > bigLora.microBatch);
    QVERIFY(bigLora.microBatch > hugeFull.microBatch);
    QVERIFY(bigLora.lr > bigFull.lr * 5);  // LoRA trains far fewer weights, with a larger rate
    QVERIFY(bigFull.lr > hugeFull.lr);
    QCOMPARE(bigLora.lora.alpha, 2.0 * static_cast<double>(bigLora.lora.rank));
    // Every default passes its own validation.
    for (const auto& h : {tinyLora, bigLora, bigFull, hugeFull})
      QCOMPARE(JobHyperparameters::fromJson(h.toJson(), "h").toJson(), h.toJson());
  }

  void hyperparameterErrorsNameTheField() {
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"lr", 0}}, "job x"); }).contains("job x: field 'lr'"));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"micro_batch", 2.5}}, "h"); }).contains("'micro_batch'"));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"format", "csv"}}, "h"); }).contains("\"alpaca\""));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"lora", {{"dropout", 1.0}}}}, "h"); })
                .contains("h: lora: field 'dropout'"));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"lora", {{"targets", Json::array()}}}}, "h"); })
                .contains("'targets'"));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json{{"val_fraction", 0.6}}, "h"); }).contains("'val_fraction'"));
    QVERIFY(errorText<Error>([] { JobHyperparameters::fromJson(Json::array(), "h"); }).contains("expected a JSON object"));
    // Missing fields keep their defaults; 0 dropout and 0 epochs are fine.
    const auto h = JobHyperparameters::fromJson(Json{{"epochs", 0}, {"lora", {{"dropout", 0}}}}, "h");
    QCOMPARE(h.epochs, int64_t(0));
    QCOMPARE(h.lora.dropout, 0.0);
    QCOMPARE(h.seqLen, JobHyperparameters().seqLen);
  }

  void draftsFromJson() {
    const JobDraft d = jobDraftFromJson(Json::parse(R"({"name": "law", "command": "sft", "base_model": "models/tiny",
        "dataset": "/abs/train.jsonl", "method": "full", "hyperparameters": {"max_steps": 7, "epochs": 0}})"),
                                        "job.json", "/base");
    QCOMPARE(d.name, std::string("law"));
    QCOMPARE(d.command, std::string("sft"));
    QCOMPARE(d.baseModel, std::string("/base/models/tiny"));
    QCOMPARE(d.dataset, std::string("/abs/train.jsonl"));
    QCOMPARE(d.method, std::string("full"));
    QCOMPARE(d.device, std::string("cpu"));
    QCOMPARE(d.hyperparameters.maxSteps, int64_t(7));
    QVERIFY(errorText<Error>([] { jobDraftFromJson(Json{{"nmae", "x"}}, "j.json", "/"); }).contains("j.json: unknown field 'nmae'"));
    QVERIFY(errorText<Error>([] { jobDraftFromJson(Json{{"name", 3}}, "j.json", "/"); }).contains("field 'name': expected a string"));
    QVERIFY(errorText<Error>([] { jobDraftFromJson(Json{{"hyperparameters", {{"lr", -1}}}}, "j.json", "/"); })
                .contains("j.json: hyperparameters: field 'lr'"));
  }

  void jobJsonIsTheTrainerConfigPlusSft() {
    JobDraft d = jobs_test::draft("fin");
    d.command = "finetune";
    d.method = "lora";
    d.valDataset = "/data/val.jsonl";
    d.hyperparameters.lr = 4e-4;
    d.hyperparameters.maxSteps = 30;
    d.hyperparameters.epochs = 0;
    d.hyperparameters.domain = "finance";
    d.hyperparameters.lora.rank = 4;
    jobs_test::TempFolder dir;
    const std::string path = dir.path("jobs/7/job.json");
    writeTrainerConfig(d, "/jobs/7/output", path);
    const Json j = readJsonFile(path);
    QCOMPARE(j["output_dir"].get<std::string>(), std::string("/jobs/7/output"));
    QCOMPARE(j["model"]["init_from"].get<std::string>(), std::string("/models/tiny"));
    QCOMPARE(j["device"].get<std::string>(), std::string("cpu"));
    QCOMPARE(j["optimizer"]["lr"].get<double>(), 4e-4);
    QVERIFY(j["optimizer"]["min_lr"].get<double>() < 4e-4);
    QCOMPARE(j["schedule"]["max_steps"].get<int64_t>(), int64_t(30));
    QCOMPARE(j["checkpoint"]["resume"].get<std::string>(), std::string("auto"));
    const Json& sft = j["sft"];
    QCOMPARE(sft["train_file"].get<std::string>(), std::string("/data/train.jsonl"));
    QCOMPARE(sft["val_file"].get<std::string>(), std::string("/data/val.jsonl"));
    QCOMPARE(sft["method"].get<std::string>(), std::string("lora"));
    QCOMPARE(sft["domain"].get<std::string>(), std::string("finance"));
    QCOMPARE(sft["epochs"].get<int64_t>(), int64_t(0));
    QCOMPARE(sft["lora"]["rank"].get<int64_t>(), int64_t(4));
    QCOMPARE(sft["lora"]["targets"].size(), size_t(4));
    // Writing again gives the same file: Resume runs the same command.
    const std::string first = readFile(path);
    writeTrainerConfig(d, "/jobs/7/output", path);
    QCOMPARE(readFile(path), first);
    QCOMPARE(trainerArguments(d, path), (std::vector<std::string>{"finetune", "--config", path}));
    d.command = "sft";
    QCOMPARE(trainerArguments(d, path, true), (std::vector<std::string>{"sft", "--config", path, "--check"}));
  }
};

QTEST_GUILESS_MAIN(TestJobRules)
#include "test_job_rules.moc"
