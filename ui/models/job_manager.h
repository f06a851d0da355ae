#pragma once
// The app's fine-tuning jobs: submits them to the jobs table (core/jobs/job_store.h), starts each
// as its own `mindllm-cli finetune|sft` process when the queue rule allows (core/jobs/job_queue.h:
// one running job per device, first in first out), follows its metrics and log through a
// JobMonitor thread, and decides what the job became when the process ends
// (core/jobs/job_exit.h). A succeeded job's model moves into the fine-tuned models folder, which
// the chat's model list reads (modelPublished tells it to refresh).
//
// Pause = SIGTERM (the command checkpoints and exits 75); Resume = the same command again (it
// continues from its checkpoint); Cancel = SIGTERM, then kill. When the app closes, running jobs
// are stopped the same way and become "interrupted"; when the app died instead, the next start
// finds them "running" in the database and marks them interrupted.
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "core/jobs/job_exit.h"
#include "core/jobs/job_folder.h"
#include "core/jobs/job_progress.h"
#include "core/jobs/job_record.h"

namespace mindllm::jobs {
class JobStore;
}

namespace mindllm::ui {

class JobMonitor;
class JobProcess;
struct JobOutput;

struct JobPaths {
  QString jobsRoot;       // one folder per job (core/jobs/job_folder.h)
  QString fineTunedRoot;  // finished models; the chat's model list shows every folder in it

  // <dataDir>/jobs and <dataDir>/finetuned.
  static JobPaths under(const QString& dataDir);
};

class JobManager : public QObject {
  Q_OBJECT
public:
  // Opens the jobs table in the database at `databasePath` (the chat history file), marks jobs a
  // dead app left running as interrupted, and starts queued jobs. Throws mindllm::Error when the
  // database cannot be opened.
  JobManager(const QString& databasePath, const JobPaths& paths, QObject* parent = nullptr);
  ~JobManager() override;

  // The fine-tuning command: $MINDLLM_CLI, else mindllm-cli beside the app's executable.
  static QString defaultProgram();
  void setProgram(const QString& program) { program_ = program; }
  const QString& program() const { return program_; }
  void setFineTunedRoot(const QString& dir) { paths_.fineTunedRoot = dir; }
  const JobPaths& paths() const { return paths_; }
  void setMaxJobsPerDevice(int n);

  // Creates the job (database row, folder, job.json) and queues it. Throws mindllm::Error naming
  // the field for a bad draft, and then creates nothing.
  jobs::Job submit(const jobs::JobDraft& draft);
  // Each throws mindllm::Error when the job's state does not allow it.
  void pause(qint64 id);
  void resume(qint64 id);
  void cancel(qint64 id);
  void remove(qint64 id);  // a job that does not run; its folder goes too (not its published model)

  const std::vector<jobs::Job>& jobs() const { return jobs_; }
  std::optional<jobs::Job> job(qint64 id) const;
  jobs::JobFolder folder(qint64 id) const;
  // What the job's metrics say. For a job whose files were not read yet this starts reading them
  // (progressChanged and logChanged follow) and returns what is known so far.
  const jobs::JobProgress& progress(qint64 id);
  // What was read so far without starting to read anything (nullptr when nothing was).
  const jobs::JobProgress* knownProgress(qint64 id) const;
  QString log(qint64 id) const;
  std::optional<qint64> etaMs(qint64 id) const;
  bool hasProcess(qint64 id) const;  // running, stopping, or publishing its model
  bool isStopping(qint64 id) const;
  int queuePosition(qint64 id) const;

  // App closing: asks every running job to checkpoint and stop, waits up to `graceMs` in all,
  // kills what is left; those jobs become "interrupted". Blocks; call once.
  void shutdown(int graceMs = 20000);

Q_SIGNALS:
  void jobsChanged();            // a job was added or removed, or any job's row changed
  void jobChanged(qint64 id);    // this job's row changed (state, error, output model)
  void progressChanged(qint64 id);
  void logChanged(qint64 id, bool reset, const QString& appended);
  void modelPublished(qint64 id, const QString& modelDir);
  void errorOccurred(const QString& message);

private:
  void reload();
  void changed(qint64 id);
  void schedule();
  void start(const jobs::Job& job);
  void onOutput(const JobOutput& output);
  void onProcessFinished(qint64 id, bool crashed, int exitCode);
  void onDrained(qint64 id);
  void finishJob(qint64 id, jobs::ProcessEnd end, jobs::StopRequest request);
  void publish(qint64 id);
  // Work started by a process or the monitor, not by a caller who could catch: an exception must
  // not unwind into Qt's event loop, so it becomes errorOccurred.
  void guarded(const std::function<void()>& work);
  void setState(qint64 id, jobs::JobState state, const std::string& error = {}, const std::string& outputModel = {});
  void appendLog(qint64 id, const QString& text);
  bool previousProcessAlive(qint64 id) const;

  JobPaths paths_;
  QString program_;
  int perDevice_ = 1;
  std::unique_ptr<jobs::JobStore> store_;
  std::vector<jobs::Job> jobs_;

  QThread monitorThread_;
  QPointer<JobMonitor> monitor_;
  std::map<qint64, JobProcess*> processes_;
  std::map<qint64, jobs::ProcessEnd> pendingEnds_;  // ended, waiting for the monitor's last read
  std::map<qint64, jobs::StopRequest> pendingRequests_;
  std::set<qint64> publishing_;
  std::map<qint64, jobs::JobProgress> progress_;
  std::map<qint64, QString> logs_;
  std::set<qint64> loaded_;                  // files read (or being read) at least once
  std::map<qint64, qint64> lastSavedMs_;     // progress written to the database
  std::map<qint64, qint64> strandedPids_;    // processes of a previous app run, maybe still stopping
  bool shutDown_ = false;
};

}  // namespace mindllm::ui
