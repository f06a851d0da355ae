#pragma once
// Collectives between the data-parallel ranks over a c10d process group (Gloo on CPU, NCCL on
// CUDA), with a TCPStore rendezvous at MASTER_ADDR:MASTER_PORT. With one process every call is a
// no-op, so the trainer has a single code path. Tensors are flattened into buckets of a bounded
// size so that many small gradients travel as a few large messages.
#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "training/trainer/launch_env.h"

namespace mindllm::train {

class Communicator {
public:
  // `backend`: auto (nccl for CUDA devices, gloo otherwise) | gloo | nccl. Throws Error when the
  // backend is not compiled in or the rendezvous fails.
  Communicator(const LaunchEnv& env, const std::string& backend, const torch::Device& device,
               std::chrono::milliseconds timeout);
  ~Communicator();
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;

  int rank() const { return env_.rank; }
  int worldSize() const { return env_.worldSize; }
  bool distributed() const { return env_.worldSize > 1; }
  const std::string& backendName() const { return backendName_; }

  // Sums tensors across ranks in place, `bucketBytes` at a time (all buckets in flight together).
  void allReduceSum(const std::vector<torch::Tensor>& tensors, int64_t bucketBytes);
  // Largest value across ranks, in place.
  void allReduceMax(torch::Tensor& tensor);
  // Copies `root`'s tensors into every rank's, in place.
  void broadcast(const std::vector<torch::Tensor>& tensors, int root, int64_t bucketBytes);
  // Every rank's `tensor` stacked: [worldSize, ...]. Shapes must match across ranks.
  torch::Tensor allGather(const torch::Tensor& tensor);
  void barrier();

private:
  struct Group;
  LaunchEnv env_;
  std::string backendName_ = "none";
  std::unique_ptr<Group> group_;
};

// Consecutive runs of tensors (same dtype and device) whose total size stays within `bucketBytes`
// (a tensor larger than that is a bucket of its own). Exposed for tests.
std::vector<std::vector<size_t>> makeBuckets(const std::vector<torch::Tensor>& tensors, int64_t bucketBytes);

}  // namespace mindllm::train
