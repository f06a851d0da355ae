#include "training/trainer/launch_env.h"

#include <cstdlib>

#include "core/util/error.h"

namespace mindllm::train {
namespace {

int parseInt(const char* name, const char* value, int min) {
  char* end = nullptr;
  const long v = std::strtol(value, &end, 10);
  if (end == value || *end != '\0' || v < min || v > 1 << 30)
    throw Error(std::string("environment variable ") + name + "='" + value + "': expected an integer >= " +
                std::to_string(min));
  return static_cast<int>(v);
}

}  // namespace

LaunchEnv LaunchEnv::fromEnvironment(const std::function<const char*(const char*)>& getenvFn) {
  auto get = [&](const char* name) -> const char* {
    const char* v = getenvFn ? getenvFn(name) : std::getenv(name);
    return v && *v ? v : nullptr;
  };
  LaunchEnv env;
  const char *rank = get("RANK"), *world = get("WORLD_SIZE"), *local = get("LOCAL_RANK");
  const char* rankName = "RANK";
  const char* worldName = "WORLD_SIZE";
  const char* localName = "LOCAL_RANK";
  if (rank || world) {
    env.launcher = "torchrun";
  } else if (get("SLURM_PROCID") && get("SLURM_NTASKS")) {
    env.launcher = "slurm";
    rank = get("SLURM_PROCID"), world = get("SLURM_NTASKS"), local = get("SLURM_LOCALID");
    rankName = "SLURM_PROCID", worldName = "SLURM_NTASKS", localName = "SLURM_LOCALID";
  } else {
    return env;
  }
  if (!rank || !world) throw Error(std::string("launch environment: ") + rankName + " and " + worldName +
                                   " must be set together");
  env.rank = parseInt(rankName, rank, 0);
  env.worldSize = parseInt(worldName, world, 1);
  env.localRank = local ? parseInt(localName, local, 0) : 0;
  if (env.rank >= env.worldSize)
    throw Error(std::string("launch environment: ") + rankName + "=" + rank + " is not below " + worldName + "=" +
                world);
  if (const char* addr = get("MASTER_ADDR"))
    env.masterAddr = addr;
  else if (const char* launchNode = env.launcher == "slurm" ? get("SLURM_LAUNCH_NODE_IPADDR") : nullptr)
    env.masterAddr = launchNode;
  else if (env.worldSize > 1)
    throw Error("launch environment: MASTER_ADDR is not set (the address of rank 0's machine)");
  if (const char* port = get("MASTER_PORT")) env.masterPort = parseInt("MASTER_PORT", port, 1);
  if (env.masterPort > 65535) throw Error("launch environment: MASTER_PORT must be below 65536");
  if (const char* ifname = get("GLOO_SOCKET_IFNAME")) env.glooInterface = ifname;
  return env;
}

}  // namespace mindllm::train
