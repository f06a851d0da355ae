#include "training/trainer/communicator.h"

#include "core/compat/distributed_compat.h"
#include "core/util/error.h"

namespace mindllm::train {

struct Communicator::Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<compat::CollectiveBackend> backend;
};

namespace {

void waitAll(std::vector<c10::intrusive_ptr<c10d::Work>>& works) {
  for (auto& w : works) w->wait();
  works.clear();
}

// c10 errors carry a long backtrace after the first line.
std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

std::vector<std::vector<size_t>> makeBuckets(const std::vector<torch::Tensor>& tensors, int64_t bucketBytes) {
  std::vector<std::vector<size_t>> buckets;
  int64_t bytes = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const auto& t = tensors[i];
    const int64_t size = t.numel() * static_cast<int64_t>(t.element_size());
    const bool fits = !buckets.empty() && bytes + size <= bucketBytes &&
                      tensors[buckets.back().front()].scalar_type() == t.scalar_type() &&
                      tensors[buckets.back().front()].device() == t.device();
    if (!fits) {
      buckets.emplace_back();
      bytes = 0;
    }
    buckets.back().push_back(i);
    bytes += size;
  }
  return buckets;
}

Communicator::Communicator(const LaunchEnv& env, const std::string& backend, const torch::Device& device,
                           std::chrono::milliseconds timeout)
    : env_(env) {
  if (!env_.distributed()) return;
  std::string name = backend;
  if (name == "auto") name = device.is_cuda() ? "nccl" : "gloo";
  if (name == "nccl" && !device.is_cuda()) throw Error("distributed.backend nccl needs a CUDA device");
  if (name == "gloo" && !compat::kHasGloo)
    throw Error("this build has no Gloo support (install libgloo-dev and reconfigure) - cannot run " +
                std::to_string(env_.worldSize) + " CPU processes");
  if (name == "nccl" && !compat::kHasNccl)
    throw Error("this build has no NCCL support (LibTorch with CUDA and nccl.h are needed)");
  group_ = std::make_unique<Group>();
  try {
    group_->store = compat::makeTcpStore(env_.masterAddr, static_cast<uint16_t>(env_.masterPort), env_.rank,
                                         env_.worldSize, timeout);
#if MINDLLM_WITH_GLOO
    if (name == "gloo")
      group_->backend =
          compat::makeGlooBackend(group_->store, env_.rank, env_.worldSize, env_.masterAddr, env_.glooInterface, timeout);
#endif
#if MINDLLM_WITH_NCCL
    if (name == "nccl") group_->backend = compat::makeNcclBackend(group_->store, env_.rank, env_.worldSize, timeout);
#endif
  } catch (const std::exception& e) {
    throw Error("rendezvous at " + env_.masterAddr + ":" + std::to_string(env_.masterPort) + " as rank " +
                std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) + " failed: " + firstLine(e.what()));
  }
  if (!group_->backend) throw Error("distributed backend '" + name + "' is not available in this build");
  backendName_ = name;
}

Communicator::~Communicator() = default;

void Communicator::allReduceSum(const std::vector<torch::Tensor>& tensors, int64_t bucketBytes) {
  if (!distributed() || tensors.empty()) return;
  struct InFlight {
    std::vector<size_t> members;
    std::vector<torch::Tensor> flat;
  };
  std::vector<InFlight> inFlight;
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  for (auto& bucket : makeBuckets(tensors, bucketBytes)) {
    std::vector<torch::Tensor> parts;
    for (size_t i : bucket) parts.push_back(tensors[i].reshape(-1));
    InFlight f{bucket, {parts.size() == 1 ? parts[0].contiguous() : torch::cat(parts)}};
    c10d::AllreduceOptions o;
    o.reduceOp = c10d::ReduceOp::SUM;
    works.push_back(group_->backend->allreduce(f.flat, o));
    inFlight.push_back(std::move(f));
  }
  waitAll(works);
  for (auto& f : inFlight) {
    int64_t offset = 0;
    for (size_t i : f.members) {
      const auto& t = tensors[i];
      t.copy_(f.flat[0].narrow(0, offset, t.numel()).view_as(t));
      offset += t.numel();
    }
  }
}

void Communicator::allReduceMax(torch::Tensor& tensor) {
  if (!distributed()) return;
  std::vector<torch::Tensor> list{tensor};
  c10d::AllreduceOptions o;
  o.reduceOp = c10d::ReduceOp::MAX;
  group_->backend->allreduce(list, o)->wait();
}

void Communicator::broadcast(const std::vector<torch::Tensor>& tensors, int root, int64_t bucketBytes) {
  if (!distributed() || tensors.empty()) return;
  for (auto& bucket : makeBuckets(tensors, bucketBytes)) {
    std::vector<torch::Tensor> parts;
    for (size_t i : bucket) parts.push_back(tensors[i].reshape(-1));
    std::vector<torch::Tensor> flat{parts.size() == 1 ? parts[0].contiguous() : torch::cat(parts)};
    c10d::BroadcastOptions o;
    o.rootRank = root;
    group_->backend->broadcast(flat, o)->wait();
    int64_t offset = 0;
    for (size_t i : bucket) {
      const auto& t = tensors[i];
      t.copy_(flat[0].narrow(0, offset, t.numel()).view_as(t));
      offset += t.numel();
    }
  }
}

torch::Tensor Communicator::allGather(const torch::Tensor& tensor) {
  if (!distributed()) return tensor.unsqueeze(0).clone();
  std::vector<torch::Tensor> input{tensor.contiguous()};
  std::vector<std::vector<torch::Tensor>> output(1);
  for (int r = 0; r < env_.worldSize; ++r) output[0].push_back(torch::empty_like(input[0]));
  group_->backend->allgather(output, input)->wait();
  return torch::stack(output[0]);
}

void Communicator::barrier() {
  if (!distributed()) return;
  group_->backend->barrier()->wait();
}

}  // namespace mindllm::train
