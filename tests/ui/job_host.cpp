// Hosts a JobManager in its own process for the "app killed during a job" test: it submits one
// fake-trainer job, prints "started <id>" and runs until the test kills it with SIGKILL.
//
//   job_host <database> <jobs root> <fine-tuned root> <trainer> <base model> <dataset> <steps>
#include <QCoreApplication>
#include <QTimer>
#include <iostream>

#include "core/jobs/job_record.h"
#include "ui/models/job_manager.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList a = app.arguments();
  if (a.size() != 8) {
    std::cerr << "usage: job_host DB JOBS FINETUNED TRAINER BASE DATASET STEPS\n";
    return 2;
  }
  mindllm::ui::JobManager manager(a[1], {a[2], a[3]});
  manager.setProgram(a[4]);
  mindllm::jobs::JobDraft d;
  d.name = "killed-with-the-app";
  d.baseModel = a[5].toStdString();
  d.dataset = a[6].toStdString();
  d.hyperparameters.epochs = 0;
  d.hyperparameters.maxSteps = a[7].toInt();
  d.hyperparameters.checkpointEvery = 5;
  const auto job = manager.submit(d);
  std::cout << "started " << job.id << std::endl;
  return app.exec();
}
