#pragma once
// Where this process sits in a data-parallel job, read from the variables launchers set:
// torchrun (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) or Slurm's srun
// (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID; MASTER_ADDR from the environment or
// SLURM_LAUNCH_NODE_IPADDR). Nothing set means one process.
#include <functional>
#include <string>

namespace mindllm::train {

struct LaunchEnv {
  int rank = 0;
  int worldSize = 1;
  int localRank = 0;
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;
  std::string launcher = "single";  // single | torchrun | slurm
  std::string glooInterface;        // GLOO_SOCKET_IFNAME

  bool distributed() const { return worldSize > 1; }

  // `getenv` is injectable for tests. Throws Error naming the variable when values are inconsistent.
  static LaunchEnv fromEnvironment(const std::function<const char*(const char*)>& getenv = nullptr);
};

}  // namespace mindllm::train
