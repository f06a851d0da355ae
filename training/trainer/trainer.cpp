#include "training/trainer/trainer.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>

#include "core/cli/progress_bar.h"
#include "core/compat/distributed_compat.h"
#include "core/io/model_folder.h"
#include "core/io/weights.h"
#include "core/tokenizer/chat_template.h"
#include "core/util/error.h"
#include "training/trainer/adamw.h"
#include "training/trainer/checkpoint.h"
#include "training/trainer/communicator.h"
#include "training/trainer/lr_schedule.h"
#include "training/trainer/stop_signal.h"
#include "training/trainer/train_metrics.h"

namespace fs = std::filesystem;
namespace F = torch::nn::functional;

namespace mindllm::train {

using Clock = std::chrono::steady_clock;

torch::Device resolveTrainingDevice(const std::string& device, int localRank) {
  if (device == "cpu") return torch::kCPU;
  const bool cuda = torch::cuda::is_available();
  if (device == "auto") return cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(localRank)) : torch::kCPU;
  if (!cuda) throw Error("device '" + device + "': no CUDA device is available (this build or machine is CPU-only)");
  if (device == "cuda") return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(localRank));
  return torch::Device(device);
}

struct Trainer::Run {
  TrainerInputs in;
  ModelConfig modelConfig;
  std::vector<torch::Tensor> params;
  std::unique_ptr<AdamW> optimizer;
  LrSchedule schedule;
  MetricsLog metrics;
  int64_t step = 0, tokens = 0, lastSavedStep = -1, lastEvalStep = -1;
  int64_t bucketBytes = 0;
  double flopsPerToken = 0, peakFlops = 0;
  std::string lastCheckpoint;
  bool partialCheckpoints = false;  // some parameters are frozen: checkpoints hold the trainable ones
  std::ostream* log = &std::cout;
};

Trainer::Trainer(RunConfig config, const LaunchEnv& env)
    : config_(std::move(config)), env_(env), device_(resolveTrainingDevice(config_.device, env.localRank)) {
  if (config_.precision == "bf16" && !device_.is_cuda())
    throw fileError(config_.where, "field 'precision': bf16 autocast needs a CUDA device (CPU trains in fp32)");
  bf16_ = device_.is_cuda() && config_.precision != "fp32";
  if (device_.is_cuda()) compat::cudaSetDevice(device_.index());
  comm_ = std::make_unique<Communicator>(env_, config_.backend, device_,
                                         std::chrono::milliseconds(static_cast<int64_t>(config_.timeoutSeconds * 1000)));
}

Trainer::~Trainer() = default;

int Trainer::rank() const { return comm_->rank(); }
int Trainer::worldSize() const { return comm_->worldSize(); }

namespace {

std::string checkpointsRoot(const RunConfig& c) { return (fs::path(c.outputDir) / "checkpoints").string(); }

// Tensors for a collective live on the backend's device (NCCL needs CUDA tensors).
torch::Tensor scalars(std::initializer_list<double> values, const torch::Device& device) {
  return torch::tensor(std::vector<double>(values), torch::TensorOptions().dtype(torch::kDouble)).to(device);
}

std::string fmt(double v, int precision = 4) {
  std::ostringstream s;
  s.precision(precision);
  s << v;
  return s.str();
}

torch::Tensor generatorState(const torch::Device& device) {
  auto gen = at::globalContext().defaultGenerator(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  return gen.get_state();
}

void setGeneratorState(const torch::Device& device, const torch::Tensor& state) {
  auto gen = at::globalContext().defaultGenerator(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state.contiguous());
}

}  // namespace

TrainResult Trainer::run(TrainerInputs inputs, const TrainerHooks& hooks) {
  Run r;
  r.in = std::move(inputs);
  if (!r.in.model || !r.in.train) throw Error("trainer: a model and a training batch source are required");
  auto& model = r.in.model;
  model->to(device_);
  model->train();
  model->setActivationCheckpointing(config_.activationCheckpointing);
  r.modelConfig = model->config();
  if (config_.seqLen > r.modelConfig.maxPositions)
    throw fileError(config_.where, "field 'data.seq_len': " + std::to_string(config_.seqLen) +
                                       " is longer than the model's context window of " +
                                       std::to_string(r.modelConfig.maxPositions));

  if (hooks.log) r.log = hooks.log;
  std::vector<std::pair<std::string, torch::Tensor>> named;
  for (const auto& p : model->named_parameters(/*recurse=*/true)) {
    if (!p.value().requires_grad()) {
      r.partialCheckpoints = true;
      continue;
    }
    named.emplace_back(p.key(), p.value());
    r.params.push_back(p.value());
  }
  if (r.params.empty()) throw Error("trainer: the model has no trainable parameters");
  const bool shard = config_.zero1 && comm_->distributed();
  const std::vector<int> owners =
      shard ? balanceOwners(r.params, comm_->worldSize()) : std::vector<int>(r.params.size(), comm_->rank());
  r.optimizer = std::make_unique<AdamW>(
      named, AdamWOptions{config_.beta1, config_.beta2, config_.eps, config_.weightDecay}, owners, comm_->rank());
  r.schedule = LrSchedule{config_.lr, config_.minLr, config_.warmupSteps, config_.effectiveDecaySteps()};
  r.bucketBytes = static_cast<int64_t>(config_.bucketMb * 1024 * 1024);
  r.flopsPerToken = modelFlopsPerToken(r.modelConfig, config_.seqLen);
  r.peakFlops = peakFlopsPerDevice(config_.peakTflops, device_.is_cuda() ? compat::cudaDeviceName(device_.index()) : "");

  {  // every rank starts from rank 0's weights (they are equal already when seeded alike)
    torch::NoGradGuard noGrad;
    comm_->broadcast(r.params, 0, r.bucketBytes);
  }

  std::string resumeFrom;
  if (config_.resume == "auto") {
    if (!config_.outputDir.empty()) resumeFrom = latestCheckpoint(checkpointsRoot(config_));
  } else if (config_.resume != "none") {
    resumeFrom = config_.resume;
  }
  if (!resumeFrom.empty()) {
    resume(r, resumeFrom);
  } else {
    // Different dropout masks per rank; the same on every run.
    torch::manual_seed(config_.seed * 1000003ull + static_cast<uint64_t>(comm_->rank()) + 1);
  }

  const bool leader = comm_->rank() == 0;
  const bool writes = leader && !config_.outputDir.empty();
  if (writes) {
    fs::create_directories(config_.outputDir);
    writeJsonFileAtomic((fs::path(config_.outputDir) / "run_config.json").string(), config_.resolved);
    r.metrics.open((fs::path(config_.outputDir) / "metrics.jsonl").string(), resumeFrom.empty() ? -1 : r.step);
    if (hooks.startRecord.is_object()) {
      Json start = {{"type", "start"}, {"step", r.step}, {"max_steps", config_.maxSteps}};
      start.update(hooks.startRecord);
      r.metrics.write(start);
    }
  }

  TrainResult result;
  result.startStep = r.step;
  StopSignal signals;
  StopSignal::clear();
  std::unique_ptr<cli::ProgressBar> bar;
  if (leader) bar = std::make_unique<cli::ProgressBar>(hooks.progressLabel, config_.maxSteps, "step");

  auto logStart = Clock::now();
  int64_t logStartTokens = r.tokens;
  Clock::time_point runStart;
  int64_t runStartTokens = 0;
  while (r.step < config_.maxSteps) {
    auto stop = scalars({StopSignal::requested() ? 1.0 : 0.0}, comm_->distributed() ? device_ : torch::kCPU);
    comm_->allReduceMax(stop);
    if (stop.item<double>() > 0) {
      result.interrupted = true;
      break;
    }
    const auto start = Clock::now();
    std::vector<Batch> micro;
    for (int64_t i = 0; i < config_.gradAccum; ++i) micro.push_back(r.in.train->next(config_.microBatch));
    StepRecord record;
    step(r, micro, record);
    record.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.steps.push_back(record);
    if (r.step == result.startStep + 1) {  // throughput from the second step on (the first warms up)
      runStart = Clock::now();
      runStartTokens = r.tokens;
    }
    if (hooks.onStep) hooks.onStep(record);

    const bool last = r.step == config_.maxSteps;
    if (r.step % config_.logEvery == 0 || last) {
      const double elapsed = std::chrono::duration<double>(Clock::now() - logStart).count();
      const double tps = elapsed > 0 ? static_cast<double>(r.tokens - logStartTokens) / elapsed : 0;
      const double mfu = r.peakFlops > 0 ? tps * r.flopsPerToken / (r.peakFlops * comm_->worldSize()) : 0;
      const int64_t memory = device_.is_cuda() ? compat::cudaPeakAllocatedBytes(device_.index()) : residentMemoryBytes();
      Json line = {{"type", "train"},       {"step", r.step},           {"tokens", r.tokens},
                   {"loss", record.loss},   {"lr", record.lr},          {"grad_norm", record.gradNorm},
                   {"tokens_per_s", tps},   {"step_time_s", record.seconds}, {"memory_mb", memory / (1024.0 * 1024.0)}};
      line["mfu"] = r.peakFlops > 0 ? Json(mfu) : Json(nullptr);
      r.metrics.write(line);
      if (bar)
        bar->update(r.step, "loss " + fmt(record.loss) + " lr " + fmt(record.lr, 3) + " " + fmt(tps / 1000, 3) + "k tok/s");
      logStart = Clock::now();
      logStartTokens = r.tokens;
    }
    if (config_.evalEvery > 0 && r.step % config_.evalEvery == 0) result.evals.push_back(evaluate(r));
    if (config_.checkpointEvery > 0 && r.step % config_.checkpointEvery == 0 && !config_.outputDir.empty())
      saveCheckpoint(r);
    if (hooks.stopAfterStep == r.step) StopSignal::request();
  }
  if (bar) bar->finish();
  result.endStep = r.step;
  if (r.step > result.startStep + 1) {
    const double seconds = std::chrono::duration<double>(Clock::now() - runStart).count();
    result.tokensPerSecond = seconds > 0 ? static_cast<double>(r.tokens - runStartTokens) / seconds : 0;
    result.mfu = r.peakFlops > 0 ? result.tokensPerSecond * r.flopsPerToken / (r.peakFlops * comm_->worldSize()) : 0;
  }
  if (!result.interrupted && config_.evalEvery > 0 && r.lastEvalStep != r.step) result.evals.push_back(evaluate(r));
  if (!config_.outputDir.empty() && r.lastSavedStep != r.step) saveCheckpoint(r);
  result.lastCheckpoint = r.lastCheckpoint;
  if (!result.interrupted) writeFinalModel(r, result);
  if (leader && result.interrupted)
    *r.log << "stopped at step " << r.step << "; resume with the same command (checkpoint " << r.lastCheckpoint
              << ")" << std::endl;
  return result;
}

void Trainer::step(Run& r, std::vector<Batch>& micro, StepRecord& record) {
  auto& model = r.in.model;
  model->zero_grad(/*set_to_none=*/true);
  int64_t localTokens = 0;
  for (const auto& b : micro) localTokens += (b.targets != kIgnoreIndex).sum().item<int64_t>();
  // The global count normalises every rank's and micro-batch's loss alike (exact for masks).
  auto count = scalars({static_cast<double>(localTokens)}, comm_->distributed() ? device_ : torch::kCPU);
  comm_->allReduceSum({count}, r.bucketBytes);
  const double globalTokens = count.item<double>();
  if (globalTokens <= 0) throw Error("trainer: a global batch has no trained tokens (every target is masked)");

  auto lossSum = torch::zeros({1}, torch::TensorOptions().dtype(torch::kDouble).device(device_));
  for (auto& b : micro) {
    const auto inputs = b.inputs.to(device_, /*non_blocking=*/true);
    const auto targets = b.targets.to(device_, /*non_blocking=*/true);
    torch::Tensor logits;
    {
      compat::CudaBf16Autocast autocast(bf16_);
      logits = model->forward(inputs);
    }
    const auto ce = F::cross_entropy(logits.flatten(0, 1).to(torch::kFloat), targets.flatten(),
                                     F::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex).reduction(torch::kSum));
    (ce / globalTokens).backward();
    lossSum += ce.detach().to(torch::kDouble);
  }

  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> grads;
  for (auto& p : r.params) {
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);  // every rank sends the same buckets
    grads.push_back(p.grad());
  }
  comm_->allReduceSum(grads, r.bucketBytes);
  if (comm_->distributed()) {
    auto reduced = lossSum.to(comm_->distributed() ? device_ : torch::kCPU);
    comm_->allReduceSum({reduced}, r.bucketBytes);
    lossSum = reduced;
  }
  const double maxNorm = config_.gradClip > 0 ? config_.gradClip : std::numeric_limits<double>::infinity();
  record.gradNorm = torch::nn::utils::clip_grad_norm_(r.params, maxNorm);
  record.lr = r.schedule.at(r.step);
  r.optimizer->step(record.lr);
  if (config_.zero1 && comm_->distributed()) {
    // Each parameter's owner sends the updated values to everyone.
    for (int owner = 0; owner < comm_->worldSize(); ++owner) {
      std::vector<torch::Tensor> owned;
      for (const auto& s : r.optimizer->slots())
        if (s.owner == owner) owned.push_back(s.param);
      comm_->broadcast(owned, owner, r.bucketBytes);
    }
  }
  ++r.step;
  r.tokens += static_cast<int64_t>(globalTokens);
  record.step = r.step;
  record.tokens = r.tokens;
  record.loss = lossSum.item<double>() / globalTokens;
}

EvalRecord Trainer::evaluate(Run& r) {
  EvalRecord e;
  e.step = r.step;
  r.lastEvalStep = r.step;
  if (!r.in.makeValidation) return e;
  auto source = r.in.makeValidation();
  auto& model = r.in.model;
  model->eval();
  double sum = 0, count = 0;
  {
    torch::NoGradGuard noGrad;
    for (int64_t i = 0; i < config_.evalBatches; ++i) {
      const Batch b = source->next(config_.microBatch);
      const auto targets = b.targets.to(device_);
      torch::Tensor logits;
      {
        compat::CudaBf16Autocast autocast(bf16_);
        logits = model->forward(b.inputs.to(device_));
      }
      sum += F::cross_entropy(logits.flatten(0, 1).to(torch::kFloat), targets.flatten(),
                              F::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex).reduction(torch::kSum))
                 .item<double>();
      count += static_cast<double>((targets != kIgnoreIndex).sum().item<int64_t>());
    }
  }
  model->train();
  auto totals = scalars({sum, count}, comm_->distributed() ? device_ : torch::kCPU);
  comm_->allReduceSum({totals}, r.bucketBytes);
  const auto t = totals.cpu();
  e.tokens = static_cast<int64_t>(t[1].item<double>());
  e.loss = e.tokens > 0 ? t[0].item<double>() / static_cast<double>(e.tokens) : 0;
  e.perplexity = std::exp(e.loss);
  r.metrics.write({{"type", "val"}, {"step", e.step}, {"val_loss", e.loss}, {"val_ppl", e.perplexity},
                   {"val_tokens", e.tokens}});
  if (comm_->rank() == 0)
    *r.log << "step " << e.step << ": validation loss " << fmt(e.loss) << ", perplexity " << fmt(e.perplexity)
              << std::endl;
  return e;
}

std::string Trainer::saveCheckpoint(Run& r) {
  torch::NoGradGuard noGrad;
  const bool leader = comm_->rank() == 0;
  CheckpointContents c;
  // Optimizer state: with ZeRO-1 each owner sends its slots to rank 0, a bucket at a time.
  std::map<std::string, torch::Tensor> state;
  for (auto& s : r.optimizer->ownedState())
    if (leader) state[s.name] = s.tensor;
  if (config_.zero1 && comm_->distributed()) {
    auto& slots = r.optimizer->slots();
    for (size_t i = 0; i < slots.size();) {
      const int owner = slots[i].owner;
      std::vector<size_t> chunk;
      int64_t bytes = 0;
      for (; i < slots.size() && slots[i].owner == owner && (chunk.empty() || bytes < r.bucketBytes); ++i) {
        chunk.push_back(i);
        bytes += 8 * slots[i].param.numel();
      }
      if (owner == 0) continue;
      std::vector<torch::Tensor> buffers;
      for (size_t k : chunk) {
        const bool mine = slots[k].owner == comm_->rank();
        buffers.push_back(mine ? slots[k].expAvg : torch::empty_like(slots[k].param, torch::kFloat));
        buffers.push_back(mine ? slots[k].expAvgSq : torch::empty_like(slots[k].param, torch::kFloat));
      }
      comm_->broadcast(buffers, owner, r.bucketBytes);
      if (leader)
        for (size_t j = 0; j < chunk.size(); ++j) {
          state["exp_avg." + slots[chunk[j]].name] = buffers[2 * j].cpu();
          state["exp_avg_sq." + slots[chunk[j]].name] = buffers[2 * j + 1].cpu();
        }
    }
  }
  // Every rank's generator states (dropout masks differ per rank).
  const auto cpuStates = comm_->allGather(generatorState(torch::kCPU).to(comm_->distributed() ? device_ : torch::kCPU)).cpu();
  torch::Tensor cudaStates;
  if (device_.is_cuda()) cudaStates = comm_->allGather(generatorState(device_).to(device_)).cpu();

  if (leader) {
    for (auto& [name, t] : state) c.optimizer.push_back({name, t});
    for (int k = 0; k < comm_->worldSize(); ++k) {
      c.rng.push_back({"cpu.rank" + std::to_string(k), cpuStates[k]});
      if (cudaStates.defined()) c.rng.push_back({"cuda.rank" + std::to_string(k), cudaStates[k]});
    }
    c.step = r.step;
    if (r.partialCheckpoints) {
      for (const auto& s : r.optimizer->slots()) c.model.push_back({s.name, s.param.detach().to(torch::kFloat)});
    } else {
      c.model = stateDict(*r.in.model, torch::kFloat);
    }
    c.runConfig = config_.resolved;
    c.modelConfig = r.modelConfig.toJson();
    c.trainerState = {{"format", "mindllm-trainer-checkpoint"},
                      {"version", 1},
                      {"step", r.step},
                      {"tokens", r.tokens},
                      {"optimizer_step", r.optimizer->stepCount()},
                      {"data", r.in.train->position()},
                      {"world_size", comm_->worldSize()},
                      {"zero1", config_.zero1},
                      {"precision", bf16_ ? "bf16" : "fp32"},
                      {"device", device_.str()}};
    r.lastCheckpoint = writeCheckpoint(checkpointsRoot(config_), c);
    pruneCheckpoints(checkpointsRoot(config_), config_.keepLast);
    *r.log << "checkpoint " << r.lastCheckpoint << std::endl;
  }
  comm_->barrier();  // nobody runs ahead (or exits) before the checkpoint is on disk
  r.lastSavedStep = r.step;
  return r.lastCheckpoint;
}

void Trainer::resume(Run& r, const std::string& dir) {
  const LoadedCheckpoint ck = readCheckpoint(dir);
  const Json& st = ck.trainerState;
  std::map<std::string, std::string> origin;
  for (const auto& [name, t] : ck.model) origin[name] = (fs::path(dir) / "model.safetensors").string();
  {
    torch::NoGradGuard noGrad;
    if (r.partialCheckpoints)
      loadTrainable(r, ck.model, (fs::path(dir) / "model.safetensors").string());
    else
      loadWeightsInto(*r.in.model, ck.model, origin, dir);
  }
  r.optimizer->loadState(ck.optimizer, st.at("optimizer_step").get<int64_t>(),
                         (fs::path(dir) / "optimizer.safetensors").string());
  r.step = st.at("step").get<int64_t>();
  r.tokens = st.at("tokens").get<int64_t>();
  r.in.train->seek(st.at("data"));
  r.lastSavedStep = r.step;
  r.lastCheckpoint = dir;
  // Generator states come back when the rank exists in the checkpoint; otherwise a fresh seed
  // that still depends only on (seed, step, rank).
  const std::string key = ".rank" + std::to_string(comm_->rank());
  auto cpu = ck.rng.find("cpu" + key);
  if (cpu != ck.rng.end())
    setGeneratorState(torch::kCPU, cpu->second.clone());
  else
    torch::manual_seed(config_.seed * 1000003ull + static_cast<uint64_t>(r.step) * 7919ull +
                       static_cast<uint64_t>(comm_->rank()) + 1);
  auto cuda = ck.rng.find("cuda" + key);
  if (device_.is_cuda() && cuda != ck.rng.end()) setGeneratorState(device_, cuda->second.clone());
  if (comm_->rank() == 0)
    *r.log << "resumed from " << dir << " at step " << r.step << " (" << r.tokens << " tokens)" << std::endl;
}

void Trainer::loadTrainable(Run& r, const TensorMap& tensors, const std::string& file) {
  // A checkpoint of a run with frozen parameters: exactly the trainable ones, by name.
  for (const auto& s : r.optimizer->slots()) {
    auto it = tensors.find(s.name);
    if (it == tensors.end())
      throw fileError(file, "missing tensor '" + s.name + "' (the run trains it: was the checkpoint made with "
                            "another method or LoRA setting?)");
    if (it->second.sizes() != s.param.sizes())
      throw fileError(file, "tensor '" + s.name + "' has shape " + c10::str(it->second.sizes()) + ", the run needs " +
                                c10::str(s.param.sizes()));
    s.param.copy_(it->second);
  }
  if (tensors.size() != r.optimizer->slots().size())
    throw fileError(file, "holds " + std::to_string(tensors.size()) + " tensors but the run trains " +
                              std::to_string(r.optimizer->slots().size()) + " (another method or LoRA setting?)");
}

void Trainer::writeFinalModel(Run& r, TrainResult& result) {
  if (config_.outputDir.empty() || (!r.in.tokenizer && !r.in.writeFinalModel)) return;
  const std::string dir = (fs::path(config_.outputDir) / "final").string();
  if (comm_->rank() == 0) {
    if (r.in.writeFinalModel)
      r.in.writeFinalModel(dir);
    else
      saveModelFolder(dir, r.modelConfig, r.in.model, *r.in.tokenizer, ChatTemplate::byName(config_.chatTemplate));
    *r.log << "model saved to " << dir << std::endl;
  }
  comm_->barrier();
  result.finalModelDir = dir;
}

}  // namespace mindllm::train
