#include "core/jobs/job_queue.h"

#include <algorithm>
#include <map>

namespace mindllm::jobs {
namespace {

std::vector<const Job*> queuedInOrder(const std::vector<Job>& jobs) {
  std::vector<const Job*> queued;
  for (const Job& j : jobs)
    if (j.state == JobState::Queued) queued.push_back(&j);
  std::sort(queued.begin(), queued.end(), [](const Job* a, const Job* b) {
    return a->queuedAt != b->queuedAt ? a->queuedAt < b->queuedAt : a->id < b->id;
  });
  return queued;
}

}  // namespace

std::string deviceKey(const std::string& device) {
  if (device.empty()) return "cpu";
  if (device == "cuda") return "cuda:0";
  return device;
}

std::vector<int64_t> jobsToStart(const std::vector<Job>& jobs, int perDevice) {
  std::map<std::string, int> running;
  for (const Job& j : jobs)
    if (j.state == JobState::Running) ++running[deviceKey(j.device)];
  std::vector<int64_t> start;
  for (const Job* j : queuedInOrder(jobs)) {
    int& busy = running[deviceKey(j->device)];
    if (busy >= perDevice) continue;
    ++busy;
    start.push_back(j->id);
  }
  return start;
}

int queuePosition(const std::vector<Job>& jobs, int64_t id) {
  const auto target = std::find_if(jobs.begin(), jobs.end(), [id](const Job& j) { return j.id == id; });
  if (target == jobs.end() || target->state != JobState::Queued) return 0;
  int position = 0;
  for (const Job* j : queuedInOrder(jobs)) {
    if (deviceKey(j->device) != deviceKey(target->device)) continue;
    ++position;
    if (j->id == id) return position;
  }
  return 0;
}

}  // namespace mindllm::jobs
