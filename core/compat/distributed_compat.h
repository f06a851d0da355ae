#pragma once
// LibTorch-version and build differences the trainer meets: c10d process groups (in 1.13 a
// backend *is* a c10d::ProcessGroup, from 2.0 it is a c10d::Backend owned by one), CUDA autocast
// (its setters were renamed in 2.4) and CUDA device queries. Training code includes this header
// only from .cpp files, because the c10d headers are heavy and Gloo's need <gloo/...> headers.
//
// Build switches: MINDLLM_WITH_GLOO (Gloo headers found, USE_C10D_GLOO defined),
// MINDLLM_WITH_NCCL (CUDA LibTorch and nccl.h found, USE_C10D_NCCL defined), MINDLLM_WITH_CUDA.
#include <ATen/autocast_mode.h>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <string>

#include "core/compat/torch_compat.h"

#if MINDLLM_TORCH_AT_LEAST(2, 0)
#include <torch/csrc/distributed/c10d/Backend.hpp>
#endif
#if MINDLLM_WITH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if MINDLLM_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#if MINDLLM_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

namespace mindllm::compat {

// The object collectives are called on (allreduce, broadcast, allgather, barrier).
#if MINDLLM_TORCH_AT_LEAST(2, 0)
using CollectiveBackend = c10d::Backend;
#else
using CollectiveBackend = c10d::ProcessGroup;
#endif

#if MINDLLM_WITH_GLOO
constexpr bool kHasGloo = true;
#else
constexpr bool kHasGloo = false;
#endif
#if MINDLLM_WITH_NCCL
constexpr bool kHasNccl = true;
#else
constexpr bool kHasNccl = false;
#endif

// Rendezvous store: rank 0 serves, the others connect. Waits for all workers up to `timeout`.
inline c10::intrusive_ptr<c10d::Store> makeTcpStore(const std::string& host, uint16_t port, int rank, int worldSize,
                                                    std::chrono::milliseconds timeout) {
  c10d::TCPStoreOptions o;
  o.port = port;
  o.isServer = rank == 0;
  o.numWorkers = static_cast<size_t>(worldSize);
  o.waitWorkers = true;
  o.timeout = timeout;
  return c10::make_intrusive<c10d::TCPStore>(host, o);
}

#if MINDLLM_WITH_GLOO
// Gloo over TCP. `ifname` (GLOO_SOCKET_IFNAME) picks the interface; a loopback master address
// binds to loopback (single-machine runs and tests); otherwise the host name's address.
inline c10::intrusive_ptr<CollectiveBackend> makeGlooBackend(const c10::intrusive_ptr<c10d::Store>& store, int rank,
                                                             int worldSize, const std::string& masterAddr,
                                                             const std::string& ifname,
                                                             std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupGloo::Options::create(timeout);
  if (!ifname.empty())
    options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
  else if (masterAddr == "localhost" || masterAddr.rfind("127.", 0) == 0)
    options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
  else
    options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  return c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, worldSize, options);
}
#endif

#if MINDLLM_WITH_NCCL
// NCCL on the current CUDA device (set it to LOCAL_RANK before calling).
inline c10::intrusive_ptr<CollectiveBackend> makeNcclBackend(const c10::intrusive_ptr<c10d::Store>& store, int rank,
                                                             int worldSize, std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupNCCL::Options::create();
  options->timeout = timeout;
  return c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, worldSize, options);
}
#endif

// bf16 autocast for CUDA ops while alive (weights stay fp32: they are the master copy).
class CudaBf16Autocast {
public:
  explicit CudaBf16Autocast(bool on) : on_(on) {
    if (!on_) return;
#if MINDLLM_TORCH_AT_LEAST(2, 4)
    previous_ = at::autocast::is_autocast_enabled(at::kCUDA);
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    previous_ = at::autocast::is_enabled();
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
    at::autocast::increment_nesting();
  }
  ~CudaBf16Autocast() {
    if (!on_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
#if MINDLLM_TORCH_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(at::kCUDA, previous_);
#else
    at::autocast::set_enabled(previous_);
#endif
  }
  CudaBf16Autocast(const CudaBf16Autocast&) = delete;
  CudaBf16Autocast& operator=(const CudaBf16Autocast&) = delete;

private:
  bool on_, previous_ = false;
};

// Peak bytes allocated on a CUDA device since the last reset (0 on CPU builds).
inline int64_t cudaPeakAllocatedBytes(int device) {
#if MINDLLM_WITH_CUDA
  const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
  return stats.allocated_bytes[0].peak;  // index 0: StatType::AGGREGATE
#else
  (void)device;
  return 0;
#endif
}

inline int64_t cudaTotalMemoryBytes(int device) {
#if MINDLLM_WITH_CUDA
  return static_cast<int64_t>(at::cuda::getDeviceProperties(device)->totalGlobalMem);
#else
  (void)device;
  return 0;
#endif
}

inline std::string cudaDeviceName(int device) {
#if MINDLLM_WITH_CUDA
  return at::cuda::getDeviceProperties(device)->name;
#else
  (void)device;
  return "";
#endif
}

inline void cudaSetDevice(int device) {
#if MINDLLM_WITH_CUDA
  c10::cuda::set_device(static_cast<c10::DeviceIndex>(device));
#else
  (void)device;
#endif
}

}  // namespace mindllm::compat
