#include "training/demo/demo_context.h"

namespace mindllm::demo {

DemoPaths::DemoPaths(std::string dir)
    : work(std::move(dir)), stages(work + "/stages"), logs(work + "/logs"), slice(work + "/slice"),
      data(work + "/data"), tokenizer(work + "/tokenizer"), shards(work + "/shards"), pretrain(work + "/pretrain"),
      select(work + "/select"), sft(work + "/sft"), eval(work + "/eval") {}

}  // namespace mindllm::demo
