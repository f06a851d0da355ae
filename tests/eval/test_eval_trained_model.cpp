// The harness must tell a model that knows the answers from one that does not. A tiny Llama is
// trained (a plain LibTorch loop: AdamW, teacher forcing on prompt + answer) on a small synthetic
// multiple-choice set written in the MMLU format; scored by runEvaluation() it must be far above
// chance (25 %) on that set, while the same model before training stays near chance.
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/io/model_folder.h"
#include "training/eval/choice_prompt.h"
#include "training/eval/eval_runner.h"
#include "training/eval/segment_encoding.h"

using namespace mindllm;
using namespace mindllm::eval;

namespace {

const std::string kTokenizer = MINDLLM_FIXTURES_DIR "/tokenizer/bpe";

const char* kItems[] = {"apple",  "river",  "candle", "mirror", "ladder", "violin", "pepper", "saddle",
                        "anchor", "basket", "cactus", "dragon", "engine", "falcon", "garden", "hammer",
                        "island", "jacket", "kettle", "lemon",  "magnet", "needle", "orange", "parrot"};
const char* kTags[] = {"alpha", "bravo", "delta", "echo", "gamma", "kilo", "lima", "omega"};
constexpr int kQuestions = 24;
constexpr int kSteps = 140;  // loss ~0.15 by then; ~60 s on 2 busy cores

// Question i: four tags, the right one at letter i % 4 so every letter is right equally often.
std::vector<ChoiceQuestion> syntheticQuestions() {
  std::vector<ChoiceQuestion> out;
  for (int i = 0; i < kQuestions; ++i) {
    ChoiceQuestion q;
    q.id = std::to_string(i);
    q.question = std::string("Which tag belongs to the ") + kItems[i] + "?";
    for (int k = 0; k < 4; ++k) q.options.push_back(kTags[(i * 3 + k * 5 + (i / 8)) % 8]);  // four distinct tags
    q.answer = i % 4;
    out.push_back(q);
  }
  return out;
}

void writeMmluFolder(const std::string& root, const std::vector<ChoiceQuestion>& questions) {
  std::filesystem::create_directories(root + "/test");
  std::ofstream csv(root + "/test/synthetic_facts_test.csv");
  for (const auto& q : questions) {
    csv << '"' << q.question << '"';
    for (const auto& o : q.options) csv << ',' << o;
    csv << ',' << optionLetter(q.answer) << "\n";
  }
}

struct TrainingSequence {
  std::vector<int64_t> ids;
  int64_t answerTokens = 0;  // the last ones: " A" is one token of the fixture's BPE, " B" two (" ", "B")
};

// Token ids of prompt + answer exactly as the scorer builds them (0-shot MMLU style).
TrainingSequence trainingIds(const Tokenizer& tok, const ChoiceQuestion& q) {
  const auto style = ChoicePromptStyle::mmlu();
  std::vector<TokenId> ids = tok.encode(renderHeader(style, "synthetic facts", {}, 0, PromptForm::Lettered));
  const auto question = encodeAfter(tok, "\n\n", renderQuestion(style, q, PromptForm::Lettered));
  const auto answer = encodeAfter(tok, style.answerCue, renderAnswer(style, q, q.answer, PromptForm::Lettered));
  ids.insert(ids.end(), question.begin(), question.end());
  ids.insert(ids.end(), answer.begin(), answer.end());
  return {{ids.begin(), ids.end()}, static_cast<int64_t>(answer.size())};
}

// Teacher forcing on every sequence at once; the answer tokens' loss counts extra so that a few
// hundred steps are enough. Returns the final loss.
double train(CausalLMImpl& model, const std::vector<TrainingSequence>& sequences, int steps) {
  size_t width = 0;
  for (const auto& s : sequences) width = std::max(width, s.ids.size());
  const auto n = static_cast<int64_t>(sequences.size()), T = static_cast<int64_t>(width);
  auto ids = torch::zeros({n, T}, torch::kLong);
  auto targets = torch::full({n, T}, -100, torch::kLong);
  auto answerTargets = torch::full({n, T}, -100, torch::kLong);
  for (int64_t i = 0; i < n; ++i) {
    const auto& s = sequences[static_cast<size_t>(i)].ids;
    const auto len = static_cast<int64_t>(s.size());
    ids[i].narrow(0, 0, len).copy_(torch::tensor(s));
    targets[i].narrow(0, 0, len - 1).copy_(torch::tensor(std::vector<int64_t>(s.begin() + 1, s.end())));
    // Every answer token counts extra, also the first of a split letter: the scorer's decision.
    for (int64_t k = len - sequences[static_cast<size_t>(i)].answerTokens; k < len; ++k)
      answerTargets[i][k - 1] = s[static_cast<size_t>(k)];
  }
  torch::optim::AdamW opt(model.parameters(), torch::optim::AdamWOptions(3e-3).weight_decay(0.0));
  model.train();
  double last = 0;
  for (int step = 0; step < steps; ++step) {
    opt.zero_grad();
    auto logits = model.forward(ids).reshape({n * T, -1});
    auto loss = torch::nn::functional::cross_entropy(
                    logits, targets.reshape({-1}), torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100)) +
                torch::nn::functional::cross_entropy(
                    logits, answerTargets.reshape({-1}),
                    torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
    loss.backward();
    opt.step();
    last = loss.item<double>();
  }
  model.eval();
  return last;
}

}  // namespace

class TestEvalTrainedModel : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void trainedModelBeatsChanceRandomModelDoesNot() {
    torch::set_num_threads(2);
    torch::manual_seed(3);
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    const auto questions = syntheticQuestions();
    writeMmluFolder(dir + "/mmlu", questions);
    initModelFolder(dir + "/model", "tiny-llama", kTokenizer, 11);
    auto model = loadModelFolder(dir + "/model");

    EvalRequest request;
    request.task = "mmlu";
    request.dataPath = dir + "/mmlu";
    request.shots = 0;
    const auto before = runEvaluation(model, request);
    QCOMPARE(before.average.count, int64_t(kQuestions));
    qInfo("random model: %.1f %% of %d", 100 * before.average.score, kQuestions);
    QVERIFY2(before.average.score <= 0.5, "a random model should score near chance (25 %)");

    std::vector<TrainingSequence> sequences;
    for (const auto& q : questions) sequences.push_back(trainingIds(model->tokenizer(), q));
    const auto t0 = std::chrono::steady_clock::now();
    const double loss = train(*model->model(), sequences, kSteps);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qInfo("trained %d steps in %.1f s, final loss %.3f", kSteps, seconds, loss);

    const auto after = runEvaluation(model, request);
    qInfo("trained model: %.1f %% of %d", 100 * after.average.score, kQuestions);
    QVERIFY2(after.average.score >= 0.8, "a model trained on the set should score far above chance");
    QVERIFY(after.average.score - before.average.score >= 0.35);
    QCOMPARE(after.subjects[0].categories, std::vector<std::string>{"other (business, health, misc.)"});
  }
};

QTEST_GUILESS_MAIN(TestEvalTrainedModel)
#include "test_eval_trained_model.moc"
