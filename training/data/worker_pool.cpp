#include "training/data/worker_pool.h"

#include <algorithm>

namespace mindllm::data {

WorkerPool::WorkerPool(int threads) : threads_(std::max(1, threads)) {
  // The calling thread works too, so a pool of N runs N-1 helpers.
  for (int i = 1; i < threads_; ++i) workers_.emplace_back([this] { workerLoop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void WorkerPool::drain() {
  for (;;) {
    size_t i;
    const std::function<void(size_t)>* job;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (next_ >= jobSize_) return;
      i = next_++;
      job = job_;
    }
    try {
      (*job)(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (++finished_ == jobSize_) done_.notify_all();
    }
  }
}

void WorkerPool::workerLoop() {
  unsigned long seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    drain();
  }
}

void WorkerPool::parallelFor(size_t n, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  if (workers_.empty() || n == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = &fn;
    jobSize_ = n;
    next_ = finished_ = 0;
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  drain();
  std::exception_ptr error;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return finished_ == jobSize_; });
    job_ = nullptr;
    jobSize_ = 0;
    error = error_;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace mindllm::data
