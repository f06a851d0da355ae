#pragma once
// The scheduling rule: on each device at most `perDevice` jobs run (one by default, since two
// trainings on one device share its memory and both slow down); the others wait in the order they
// entered the queue (queued_at, then id: first in, first out).
#include <cstdint>
#include <string>
#include <vector>

#include "core/jobs/job_record.h"

namespace mindllm::jobs {

// "cuda" and "cuda:0" are the same device; "" counts as "cpu".
std::string deviceKey(const std::string& device);

// The ids of the queued jobs to start now, oldest first.
std::vector<int64_t> jobsToStart(const std::vector<Job>& jobs, int perDevice = 1);

// 1-based place of a queued job among the queued jobs of its device (0 when not queued).
int queuePosition(const std::vector<Job>& jobs, int64_t id);

}  // namespace mindllm::jobs
