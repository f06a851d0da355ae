#pragma once
// A small fixed pool of threads that runs `fn(i)` for i in [0, n) and returns when all are done.
// The pipeline processes documents in batches: results land in slot i, so output order equals
// input order whatever the thread count, and runs are reproducible.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mindllm::data {

class WorkerPool {
public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return threads_; }

  // Runs fn(0..n-1) on the pool (the calling thread helps). Rethrows the first exception.
  void parallelFor(size_t n, const std::function<void(size_t)>& fn);

private:
  void workerLoop();
  void drain();  // claims and runs indices of the current job until none are left

  int threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(size_t)>* job_ = nullptr;
  size_t jobSize_ = 0, next_ = 0, finished_ = 0;
  unsigned long generation_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

}  // namespace mindllm::data
