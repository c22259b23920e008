#include "models/clip_text.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "nn/load_state.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace flashface;
namespace fs = std::filesystem;

using TensorList = std::vector<std::pair<std::string, at::Tensor>>;

fs::path fixtureDir() {
    return test::fixture("clip_text");
}

models::ClipTextEncoder fixtureModel() {
    return models::ClipTextEncoder(models::ClipTextConfig::fromFile(fixtureDir() / "config.json"));
}

::testing::AssertionResult matchesReference(const models::ClipTextEncoder& model) {
    const auto io = test::readAll(fixtureDir() / "io.safetensors");
    return test::allClose(model.forward(io.at("tokens")), io.at("out"), 1e-4);
}

// A minimal safetensors writer (float32 only), to build deliberately altered files.
void writeSafetensors(const fs::path& file, const TensorList& tensors) {
    nlohmann::json header = nlohmann::json::object();
    std::string data;
    for (const auto& [name, tensor] : tensors) {
        const auto t = tensor.to(at::kFloat).contiguous();
        const auto begin = data.size();
        data.append(static_cast<const char*>(t.data_ptr()), t.nbytes());
        header[name] = {{"dtype", "F32"}, {"shape", t.sizes().vec()}, {"data_offsets", {begin, data.size()}}};
    }
    const auto json = header.dump();
    std::ofstream out(file, std::ios::binary);
    auto length = static_cast<std::uint64_t>(json.size());
    for (int i = 0; i < 8; ++i, length >>= 8) out.put(static_cast<char>(length & 0xff));
    out << json << data;
    ASSERT_TRUE(out.good()) << "cannot write " << file;
}

TensorList fixtureWeights() {
    const auto all = test::readAll(fixtureDir() / "weights.safetensors");
    return {all.begin(), all.end()};
}

fs::path tempFile(const std::string& name) {
    return fs::path(::testing::TempDir()) / ("flashface_clip_text_" + name + ".safetensors");
}

// Loading `tensors` into the fixture model fails with a FileError that names `key`.
void expectLoadErrorNaming(const TensorList& tensors, const std::string& fileName, const std::string& key) {
    const auto file = tempFile(fileName);
    writeSafetensors(file, tensors);
    auto model = fixtureModel();
    try {
        nn::loadState(model, checkpoint::Checkpoint::open(file));
        ADD_FAILURE() << "loading " << file << " did not fail";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        EXPECT_EQ(e.file(), file);
    }
    fs::remove(file);
}

class ClipTextParity : public ::testing::TestWithParam<const char*> {};

TEST_P(ClipTextParity, FinalNormOutputMatchesReference) {
    auto model = fixtureModel();
    nn::loadState(model, checkpoint::Checkpoint::open(fixtureDir() / GetParam()));
    EXPECT_TRUE(matchesReference(model));
}

INSTANTIATE_TEST_SUITE_P(WeightFiles, ClipTextParity, ::testing::Values("weights.pth", "weights.safetensors"));

TEST(ClipText, LoadsTheTowerOutOfAWholeClipFile) {
    // The real file holds the whole CLIP: the tower under "textual.", plus "visual.*" and "log_scale".
    TensorList whole;
    for (auto& [name, tensor] : fixtureWeights()) whole.emplace_back("textual." + name, tensor);
    whole.emplace_back("visual.head", at::randn({8, 4}));
    whole.emplace_back("log_scale", at::tensor(4.6f));
    const auto file = tempFile("whole");
    writeSafetensors(file, whole);

    auto model = fixtureModel();
    model.load(checkpoint::Checkpoint::open(file), at::kFloat, at::kCPU);
    EXPECT_TRUE(matchesReference(model));
    fs::remove(file);
}

TEST(ClipText, LoadsATowerOnlyFile) {
    auto model = fixtureModel();
    model.load(checkpoint::Checkpoint::open(fixtureDir() / "weights.safetensors"), at::kFloat, at::kCPU);
    EXPECT_TRUE(matchesReference(model));
}

TEST(ClipText, ComputesInTheWeightsReducedPrecision) {
    // The GPU path runs in float16; bfloat16 exercises the same dtype handling on the CPU.
    // Bounds from bfloat16's precision and the tower's depth (support/precision.h).
    auto model = fixtureModel();
    const auto checkpoint = checkpoint::Checkpoint::open(fixtureDir() / "weights.safetensors");
    model.load(checkpoint, at::kBFloat16, at::kCPU);
    const auto io = test::readAll(fixtureDir() / "io.safetensors");
    const auto out = model.forward(io.at("tokens"));
    EXPECT_EQ(out.scalar_type(), at::kBFloat16);
    const auto layers = test::weightLayers(checkpoint, {"transformer."});
    ASSERT_GT(layers, 0);
    EXPECT_TRUE(test::closeInPrecisionOf(out, io.at("out"), at::kBFloat16, layers));
}

TEST(ClipText, WrongShapedKeyIsAFileErrorNamingIt) {
    const std::string key = "transformer.0.attn.proj.weight";
    auto tensors = fixtureWeights();
    for (auto& [name, tensor] : tensors)
        if (name == key) tensor = tensor.narrow(0, 0, tensor.size(0) - 1);
    expectLoadErrorNaming(tensors, "wrong_shape", key);
}

TEST(ClipText, MissingKeyIsAFileErrorNamingIt) {
    const std::string key = "norm.bias";
    auto tensors = fixtureWeights();
    std::erase_if(tensors, [&](const auto& entry) { return entry.first == key; });
    expectLoadErrorNaming(tensors, "missing", key);
}

TEST(ClipText, OutputIsCausal) {
    // Changing the last token must leave every earlier position untouched.
    auto model = fixtureModel();
    nn::loadState(model, checkpoint::Checkpoint::open(fixtureDir() / "weights.safetensors"));
    const auto tokens = test::readAll(fixtureDir() / "io.safetensors").at("tokens").narrow(0, 0, 1);
    const auto last = tokens.size(1) - 1;
    auto changed = tokens.clone();
    changed.select(1, last).add_(1).remainder_(model.config().vocabSize);

    const auto a = model.forward(tokens), b = model.forward(changed);
    EXPECT_TRUE(test::allClose(b.narrow(1, 0, last), a.narrow(1, 0, last), 1e-6));
    EXPECT_FALSE(test::allClose(b.narrow(1, last, 1), a.narrow(1, last, 1), 1e-3));
}

}  // namespace
