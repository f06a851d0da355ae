#pragma once
// The trainer's batch source over fixed training sequences (training_sequences.h).
//
// Sequences are visited in epochs, each a fresh permutation drawn from (seed, epoch), or in file
// order without shuffling. The global read order is shared by all ranks: rank r of N takes
// ordinals cursor + r, cursor + r + N, ... . The position is the global cursor, so a checkpoint
// resumes exactly, with any number of ranks. A non-cycling source (validation) runs out: past the
// end it returns padding rows whose targets are all ignored, which add nothing to the loss.
#include <cstdint>
#include <vector>

#include "training/sft/training_sequences.h"
#include "training/trainer/batch_source.h"

namespace mindllm::sft {

class SequenceBatchSource : public train::BatchSource {
public:
  SequenceBatchSource(TrainingSequences sequences, bool shuffle, bool cycle, uint64_t seed, int rank, int worldSize);

  train::Batch next(int64_t batchSize) override;
  Json position() const override;
  void seek(const Json& position) override;

  int64_t size() const { return sequences_.count(); }

private:
  int64_t sequenceAt(int64_t ordinal);  // -1 past the end of a non-cycling source

  TrainingSequences sequences_;
  bool shuffle_, cycle_;
  uint64_t seed_;
  int rank_, worldSize_;
  int64_t cursor_ = 0;
  int64_t permutationEpoch_ = -1;
  std::vector<int64_t> permutation_;
};

}  // namespace mindllm::sft
