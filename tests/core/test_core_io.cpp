// Config parsing, safetensors reading/writing and torch.save (.bin) reading, including bad files.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "core/io/safetensors.h"
#include "core/io/torch_bin.h"
#include "core/model/model_config.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_file.h"
#include "tests/support/error_of.h"

using namespace mindllm;
using mindllm::test::errorOf;

namespace {

void writeRaw(const std::string& path, uint64_t headerLen, const std::string& header, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(&headerLen), 8);
  out << header << data;
}

}  // namespace

class TestCoreIo : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string path(const char* name) { return (tmp_.path() + "/" + name).toStdString(); }

private Q_SLOTS:
  void gptNeoConfigExpandsAttentionTypes() {
    Json j = {{"model_type", "gpt_neo"}, {"vocab_size", 100}, {"hidden_size", 32}, {"num_layers", 4},
              {"num_heads", 4}, {"attention_types", {{{"global", "local"}, 2}}}, {"window_size", 8},
              {"intermediate_size", nullptr}, {"max_position_embeddings", 64}};
    auto c = ModelConfig::fromJson(j);
    QCOMPARE(c.layout, Layout::GptNeo);
    QCOMPARE(int(c.attentionLayers.size()), 4);
    QVERIFY(!c.isLocalLayer(0));
    QVERIFY(c.isLocalLayer(1));
    QCOMPARE(c.intermediateSize, 128);  // null -> 4 * hidden, as HF does
    QVERIFY(c.tieWordEmbeddings);
    // Round trip through toJson keeps the layer kinds.
    auto again = ModelConfig::fromJson(c.toJson());
    QCOMPARE(again.attentionLayers, c.attentionLayers);
  }

  void llamaConfigReadsNewerRopeParameters() {
    Json j = {{"model_type", "llama"}, {"vocab_size", 100}, {"hidden_size", 32}, {"num_hidden_layers", 2},
              {"num_attention_heads", 4}, {"num_key_value_heads", 2}, {"intermediate_size", 64},
              {"rope_parameters", {{"rope_type", "default"}, {"rope_theta", 500000.0}}}};
    auto c = ModelConfig::fromJson(j);
    QCOMPARE(c.ropeTheta, 500000.0);
    QCOMPARE(c.numKvHeads, 2);
    QCOMPARE(c.headDim, 8);
    QVERIFY(!c.tieWordEmbeddings);
  }

  void configErrorsNameTheField() {
    Json j = {{"model_type", "llama"}, {"vocab_size", 100}, {"hidden_size", 32}, {"num_hidden_layers", 2},
              {"num_attention_heads", 4}, {"num_key_value_heads", 3}, {"intermediate_size", 64}};
    QVERIFY(errorOf<Error>([&] { ModelConfig::fromJson(j, "x/config.json"); }).find("num_key_value_heads") != std::string::npos);
    j["num_key_value_heads"] = 2;
    j["hidden_size"] = "big";
    const auto e = errorOf<Error>([&] { ModelConfig::fromJson(j, "x/config.json"); });
    QVERIFY2(e.find("x/config.json") != std::string::npos && e.find("hidden_size") != std::string::npos, e.c_str());
    j["model_type"] = "bert";
    QVERIFY(errorOf<Error>([&] { ModelConfig::fromJson(j); }).find("unknown architecture 'bert'") != std::string::npos);
    j = {{"model_type", "llama"}, {"vocab_size", 100}, {"hidden_size", 32}, {"num_hidden_layers", 2},
         {"num_attention_heads", 4}, {"intermediate_size", 64}, {"rope_scaling", {{"rope_type", "yarn"}}}};
    QVERIFY(errorOf<Error>([&] { ModelConfig::fromJson(j); }).find("yarn") != std::string::npos);
  }

  void presetsHaveThePapersSizes() {
    const auto small = presetConfig("mindllm-1.3b", 74240);
    QCOMPARE(small.layout, Layout::GptNeo);
    QVERIFY(small.parameterCount() > 1.2e9 && small.parameterCount() < 1.5e9);
    const auto big = presetConfig("mindllm-3b", 125700);
    QCOMPARE(big.layout, Layout::Llama);
    QVERIFY(big.parameterCount() > 2.8e9 && big.parameterCount() < 3.4e9);
    QVERIFY(errorOf<Error>([] { presetConfig("nope", 10); }).find("unknown preset") != std::string::npos);
  }

  void safetensorsRoundTripAllDtypes() {
    std::vector<NamedTensor> in = {{"a.f32", torch::randn({3, 5})},
                                   {"b.bf16", torch::randn({7}).to(torch::kBFloat16)},
                                   {"c.f16", torch::randn({2, 2, 2}).to(torch::kHalf)},
                                   {"d.i64", torch::arange(10)},
                                   {"e.empty", torch::zeros({0, 4})}};
    writeSafetensors(path("rt.safetensors"), in);
    auto out = readSafetensors(path("rt.safetensors"));
    QCOMPARE(out.size(), in.size());
    for (const auto& nt : in) {
      QVERIFY(out.count(nt.name));
      QCOMPARE(out[nt.name].scalar_type(), nt.tensor.scalar_type());
      QVERIFY(torch::equal(out[nt.name], nt.tensor));
    }
    // The header carries format=pt, which transformers requires.
    std::ifstream f(path("rt.safetensors"), std::ios::binary);
    uint64_t n = 0;
    f.read(reinterpret_cast<char*>(&n), 8);
    std::string header(n, '\0');
    f.read(header.data(), static_cast<std::streamsize>(n));
    QCOMPARE(Json::parse(header)["__metadata__"]["format"].get<std::string>(), std::string("pt"));
    QCOMPARE((8 + n) % 8, uint64_t(0));
  }

  void safetensorsBadFilesGiveClearErrors() {
    const std::string good = R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";
    const std::string data(16, '\0');
    writeRaw(path("truncated.safetensors"), good.size(), good, data.substr(0, 10));
    auto e = errorOf<Error>([&] { readSafetensors(path("truncated.safetensors")); });
    QVERIFY2(e.find("truncated.safetensors") != std::string::npos && e.find("'w'") != std::string::npos, e.c_str());

    const std::string liar = R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}})";
    writeRaw(path("liar.safetensors"), liar.size(), liar, data);
    e = errorOf<Error>([&] { readSafetensors(path("liar.safetensors")); });
    QVERIFY2(e.find("'w'") != std::string::npos && e.find("need 16") != std::string::npos, e.c_str());

    const std::string overlap =
        R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
    writeRaw(path("overlap.safetensors"), overlap.size(), overlap, data);
    QVERIFY(errorOf<Error>([&] { readSafetensors(path("overlap.safetensors")); }).find("overlap") != std::string::npos);

    writeRaw(path("hugeheader.safetensors"), 1ull << 40, good, data);
    QVERIFY(errorOf<Error>([&] { readSafetensors(path("hugeheader.safetensors")); }).find("header length") != std::string::npos);

    writeRaw(path("badjson.safetensors"), 5, "{oops", data);
    QVERIFY(errorOf<Error>([&] { readSafetensors(path("badjson.safetensors")); }).find("not valid JSON") != std::string::npos);

    const std::string dtype = R"({"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})";
    writeRaw(path("dtype.safetensors"), dtype.size(), dtype, data);
    e = errorOf<Error>([&] { readSafetensors(path("dtype.safetensors")); });
    QVERIFY2(e.find("Q4") != std::string::npos && e.find("'w'") != std::string::npos, e.c_str());

    writeFileAtomic(path("short.safetensors"), std::string("abc"));
    QVERIFY(errorOf<Error>([&] { readSafetensors(path("short.safetensors")); }).find("too short") != std::string::npos);
  }

  void torchBinMatchesWhatPyTorchSaved() {
    const std::string dir = MINDLLM_FIXTURES_DIR "/torch_bin/";
    const auto tensors = readTorchBin(dir + "state.bin");
    const Json expected = readJsonFile(dir + "expected.json");
    QCOMPARE(tensors.size(), expected.size());
    for (const auto& [name, e] : expected.items()) {
      QVERIFY2(tensors.count(name), name.c_str());
      const auto t = tensors.at(name).to(torch::kDouble).contiguous();
      QCOMPARE(t.sizes().vec(), e["shape"].get<std::vector<int64_t>>());
      const auto values = e["values"].get<std::vector<double>>();
      for (size_t i = 0; i < values.size(); ++i) QCOMPARE(t.data_ptr<double>()[i], values[i]);
    }
    QCOMPARE(tensors.at("bf16").scalar_type(), torch::kBFloat16);
    QCOMPARE(tensors.at("f16").scalar_type(), torch::kHalf);
  }

  void torchBinRefusesCodeAndLegacyAndTruncation() {
    const std::string dir = MINDLLM_FIXTURES_DIR "/torch_bin/";
    std::filesystem::remove("/tmp/mindllm_pwned");
    auto e = errorOf<Error>([&] { readTorchBin(dir + "malicious.bin"); });
    QVERIFY2(e.find("malicious.bin") != std::string::npos, e.c_str());
    QVERIFY(!std::filesystem::exists("/tmp/mindllm_pwned"));
    e = errorOf<Error>([&] { readTorchBin(dir + "legacy.bin"); });
    QVERIFY2(e.find("legacy") != std::string::npos, e.c_str());
    const std::string whole = readFile(dir + "state.bin");
    writeFileAtomic(path("cut.bin"), whole.substr(0, whole.size() / 2));
    e = errorOf<Error>([&] { readTorchBin(path("cut.bin")); });
    QVERIFY2(e.find("cut.bin") != std::string::npos, e.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCoreIo)
#include "test_core_io.moc"
