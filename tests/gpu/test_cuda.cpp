// The engine on an NVIDIA GPU, in float16 with norms and softmax in float32, against the
// original's float32 outputs in the parity fixtures (`ctest -L gpu`). Where no CUDA GPU is
// visible every test skips, saying so.
//
// Tolerances: support/precision.h's bound for float16 (u = 2^-11) and the network's depth,
// counted from its checkpoint. The same tests on the CPU in bfloat16 measured relative RMS errors
// of 2–3 u per network and 8.5 u for the public fixture's whole run, well inside the bound.
#include "checkpoint/checkpoint.h"
#include "checkpoint/safetensors_writer.h"
#include "common/error.h"
#include "models/autoencoder.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/fixture_models.h"
#include "pipeline/fixture_request.h"
#include "pipeline/model_files.h"
#include "pipeline/pipeline.h"
#include "pipeline/sampling.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace flashface {
namespace {

using test::fixture;

// The bound's check; the measured errors go to the test's record (gpu-check.sh reports them).
::testing::AssertionResult closeInFloat16(const std::string& what, const at::Tensor& actual, const at::Tensor& expected,
                                          std::int64_t layers) {
    if (actual.sizes() == expected.sizes()) {
        const auto e = test::precisionError(actual, expected);
        ::testing::Test::RecordProperty(what + "_rel_rms", std::to_string(e.relRms));
        ::testing::Test::RecordProperty(what + "_rel_max", std::to_string(e.relMax));
    }
    return test::closeInPrecisionOf(actual, expected, at::kHalf, layers);
}

std::int64_t layersOf(const std::string& dir, const std::vector<std::string>& prefixes) {
    return test::weightLayers(checkpoint::Checkpoint::open(fixture(dir + "/weights.pth")), prefixes);
}

// The UNet's main network and, before it, the reference network.
const std::vector<std::string> kUNetPrefixes = {"time_embedding.", "encoder.", "middle.", "decoder.",
                                                "ref_encoder.", "ref_decoder.", "head."};

const c10::Device kGpu(c10::kCUDA, 0);

class OnCuda : public ::testing::Test {
protected:
    void SetUp() override {
        if (!at::hasCUDA()) GTEST_SKIP() << "no CUDA GPU is visible: the GPU tests need an NVIDIA GPU and its driver";
    }

    template <class M>
    static void loadInFloat16(M& model, const std::string& dir, std::vector<std::string> extras = {}) {
        nn::LoadOptions options;
        options.dtype = at::kHalf;
        options.device = kGpu;
        options.expectedExtras = std::move(extras);
        nn::loadState(model, checkpoint::Checkpoint::open(fixture(dir + "/weights.pth")), options);
    }
};

TEST_F(OnCuda, ClipTextMatchesTheOriginal) {
    models::ClipTextEncoder clip(models::ClipTextConfig::fromFile(fixture("clip_text/config.json")));
    loadInFloat16(clip, "clip_text");
    const auto io = test::readAll(fixture("clip_text/io.safetensors"));
    const at::Tensor out = clip.forward(io.at("tokens").to(kGpu));
    EXPECT_EQ(out.scalar_type(), at::kHalf);
    EXPECT_TRUE(closeInFloat16("clip", out, io.at("out"), layersOf("clip_text", {"transformer."})));
}

TEST_F(OnCuda, AutoencoderMatchesTheOriginal) {
    models::Autoencoder vae(models::AutoencoderConfig::fromFile(fixture("vae/config.json")));
    loadInFloat16(vae, "vae");
    const auto io = test::readAll(fixture("vae/io.safetensors"));
    const auto posterior = vae.encode(io.at("image").to(kGpu, at::kHalf));
    EXPECT_TRUE(closeInFloat16("vae_mu", posterior.mu, io.at("mu"), layersOf("vae", {"encoder.", "conv1."})));
    EXPECT_TRUE(closeInFloat16("vae_decoded", vae.decode(io.at("z").to(kGpu, at::kHalf)), io.at("decoded"),
                               layersOf("vae", {"conv2.", "decoder."})));
}

TEST_F(OnCuda, UNetMatchesTheOriginalInEveryCaseAndBothComputations) {
    models::UNet unet(models::UNetConfig::fromFile(fixture("unet/config.json")));
    loadInFloat16(unet, "unet", models::UNet::skippedCheckpointKeys());
    const auto io = test::readAll(fixture("unet/io.safetensors"));
    const auto on = [&](const char* name) { return io.at(name).to(kGpu, at::kHalf); };
    const auto cases = test::readJson(fixture("unet/config.json")).at("cases");
    ASSERT_FALSE(cases.empty());
    for (const auto computation : {models::UNetComputation::Optimised, models::UNetComputation::Original}) {
        for (const auto& c : cases) {
            const int k = c.at("num_conditions").get<int>();
            std::vector<at::Tensor> groups(static_cast<std::size_t>(k - 1), on("context_pos"));
            groups.push_back(on("context_neg"));
            const at::Tensor out = unet.forward(on("x").repeat({k, 1, 1, 1}), c.at("t").get<std::int64_t>(),
                                                at::cat(groups), on("ref_latents"), on("ref_context"), on("mask"),
                                                c.at("similarity").get<double>(), k, computation);
            EXPECT_EQ(out.scalar_type(), at::kHalf);
            const auto output = c.at("output").get<std::string>();
            const std::string what = output + (computation == models::UNetComputation::Original ? "_original" : "_optimised");
            EXPECT_TRUE(closeInFloat16(what, out, io.at(output), layersOf("unet", kUNetPrefixes))) << what;
        }
    }
}

class PipelineOnCuda : public OnCuda {
protected:
    void SetUp() override {
        OnCuda::SetUp();
        if (IsSkipped()) return;
        test::writeFixtureModelsJson(folder_.path());
        // The UNet's weights in a folder of the test's own, so that its float16 cache lands there.
        auto manifest = test::readJson(folder_ / "models.json");
        std::filesystem::copy_file(fixture("unet/weights.pth"), folder_ / "unet.pth");
        manifest["unet"]["file"] = (folder_ / "unet.pth").string();
        std::ofstream(folder_ / "models.json") << manifest.dump();
    }
    pipeline::Pipeline makePipeline() const { return pipeline::Pipeline(pipeline::resolveModelFiles(folder_.path()), {pipeline::DeviceChoice::Cuda}); }

    test::TempDir folder_;
};

std::vector<float> toVector(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kFloat).contiguous().cpu();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

at::Tensor imagesTensor(const std::vector<Image>& images) {
    std::vector<at::Tensor> out;
    for (const auto& image : images)
        out.push_back(at::from_blob(const_cast<std::uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, at::kByte)
                          .permute({2, 0, 1})
                          .to(at::kFloat) / 127.5 - 1);
    return at::stack(out);
}

TEST_F(PipelineOnCuda, ReproducesTheOriginalRunAndReportsItsMemory) {
    auto pipeline = makePipeline();
    EXPECT_EQ(pipeline.deviceDescription().rfind("CUDA float16", 0), 0u) << pipeline.deviceDescription();
    const auto& run = test::pipelineFixture();
    auto request = test::fixtureRequest();
    request.initialNoise = toVector(run.io.at("noise"));
    std::vector<pipeline::StepProgress> steps;
    const auto result = pipeline.generate(request, [&](const pipeline::StepProgress& p) { steps.push_back(p); });
    ASSERT_EQ(result.images.size(), static_cast<std::size_t>(request.settings.numImages));
    // The UNet's error compounds over the steps, then the decoder adds its own; 8-bit output adds
    // half a grey level (u/4 of the range) of rounding.
    const std::int64_t layers = request.settings.steps * layersOf("unet", kUNetPrefixes) + layersOf("vae", {"conv2.", "decoder."});
    EXPECT_TRUE(closeInFloat16("pipeline_images", imagesTensor(result.images), run.io.at("images").clamp(-1, 1), layers));
    // Previews: one per image at every step, at 1/8 of the size.
    ASSERT_EQ(steps.size(), static_cast<std::size_t>(request.settings.steps));
    for (const auto& step : steps) {
        ASSERT_EQ(step.previews.size(), result.images.size());
        EXPECT_EQ(step.previews[0].width, request.settings.width / 8);
    }
    EXPECT_GT(result.gpuPeakBytes, 0);
}

TEST_F(PipelineOnCuda, CancelsWithinARunAndTheNextRunWorks) {
    auto pipeline = makePipeline();
    auto request = test::fixtureRequest();
    ASSERT_GE(request.settings.steps, 2) << "the fixture run needs two steps to cancel between them";
    CancelToken cancel;
    int seen = 0;
    EXPECT_THROW(pipeline.generate(request, [&](const pipeline::StepProgress& p) {
        seen = p.step;
        if (p.step == 1) cancel.cancel();
    }, &cancel), Cancelled);
    EXPECT_EQ(seen, 1);
    cancel.reset();
    request.settings.steps = 1;
    EXPECT_EQ(pipeline.generate(request, {}, &cancel).images.size(), static_cast<std::size_t>(request.settings.numImages));
}

TEST_F(PipelineOnCuda, WritesTheFloat16CacheOnceAndLoadsFromIt) {
    const auto cache = checkpoint::float16CachePath(folder_ / "unet.pth");
    ASSERT_FALSE(std::filesystem::exists(cache));
    makePipeline().load();
    ASSERT_TRUE(std::filesystem::exists(cache)) << cache;
    const auto written = std::filesystem::last_write_time(cache);
    auto second = makePipeline();
    second.load();
    EXPECT_EQ(std::filesystem::last_write_time(cache), written) << "a current cache is not written again";
}

}  // namespace
}  // namespace flashface
