// The whole generation against the original's run in fixtures/pipeline/, part by part and end
// to end, on the fixture models loaded by the product's own loading code.
#include "checkpoint/checkpoint.h"
#include "common/cpu_features.h"
#include "common/error.h"
#include "face/photo.h"
#include "fixture_models.h"
#include "fixture_request.h"
#include "models/autoencoder.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/pipeline.h"
#include "pipeline/prompts.h"
#include "pipeline/references.h"
#include "pipeline/sampling.h"
#include "support/fixtures.h"
#include "tokenizer/tokenizer.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace flashface::pipeline {
namespace {

using test::allClose;
using test::fixture;

using test::fixtureRequest;

const test::PipelineFixture& run() { return test::pipelineFixture(); }

template <class M, class Config>
std::unique_ptr<M> loadModel(const std::string& dir, std::vector<std::string> extras = {}) {
    auto model = std::make_unique<M>(Config::fromFile(fixture(dir + "/config.json")));
    nn::LoadOptions options;
    options.expectedExtras = std::move(extras);
    nn::loadState(*model, checkpoint::Checkpoint::open(fixture(dir + "/weights.pth")), options);
    return model;
}

std::vector<float> toVector(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kFloat).contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

at::Tensor imageTensor(const Image& image) {
    return at::from_blob(const_cast<std::uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, at::kByte).clone();
}

TEST(PipelineParity, ReferencesArePaddedCycledAndEncoded) {
    const auto request = fixtureRequest();
    const auto images = prepareReferenceImages(request.references, nullptr);
    ASSERT_EQ(static_cast<std::int64_t>(images.size()), run().config.at("num_refs").get<std::int64_t>());
    // PIL's bicubic is reproduced exactly, so the preprocessed faces match to float rounding.
    EXPECT_TRUE(allClose(imagesToTensor(images), run().io.at("ref_faces"), 1e-5));

    const auto vae = loadModel<models::Autoencoder, models::AutoencoderConfig>("vae");
    EXPECT_TRUE(allClose(encodeLatents(*vae, run().io.at("ref_faces")), run().io.at("ref_latents"), 1e-4));
}

TEST(PipelineParity, TextEncodingsMatch) {
    const auto tokenizer = tokenizer::Tokenizer::fromMergesFile(fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz"));
    const auto clip = loadModel<models::ClipTextEncoder, models::ClipTextConfig>("clip_text");
    const PromptPair prompts = assemblePrompts(fixtureRequest().settings);
    const auto encode = [&](const std::string& text) {
        return clip->forward(at::tensor(tokenizer.encode(text), at::TensorOptions().dtype(at::kLong)).view({1, -1}));
    };
    const auto& io = run().io;
    const at::Tensor positive = encode(prompts.positive), negative = encode(prompts.negative);
    EXPECT_TRUE(allClose(positive.expand_as(io.at("context_pos")), io.at("context_pos")));
    EXPECT_TRUE(allClose(negative.expand_as(io.at("context_neg")), io.at("context_neg")));
    EXPECT_TRUE(allClose(negative, io.at("ref_context")));
}

TEST(PipelineParity, TheSamplingLoopFollowsTheOriginalStepByStep) {
    const auto& io = run().io;
    const auto unet = loadModel<models::UNet, models::UNetConfig>("unet", models::UNet::skippedCheckpointKeys());
    const auto request = fixtureRequest();

    std::vector<at::Tensor> x0;
    const at::Tensor z0 = sampleLatents(*unet, test::fixtureSamplingInputs(), request.settings.steps, request.settings.guidance, nullptr,
                                        [&](const sampler::SamplerStep& step) { x0.push_back(step.x0->clone()); });
    const auto& trace = run().config.at("steps_trace");
    ASSERT_EQ(x0.size(), trace.size());
    for (std::size_t k = 0; k < x0.size(); ++k)
        EXPECT_TRUE(allClose(x0[k], io.at(trace[k].at("x0").get<std::string>()), 1e-3)) << "step " << k;
    EXPECT_TRUE(allClose(z0, io.at("z0"), 1e-3));

    const auto vae = loadModel<models::Autoencoder, models::AutoencoderConfig>("vae");
    EXPECT_TRUE(allClose(decodeLatents(*vae, z0, at::kFloat), io.at("images"), 1e-3));
}

class PipelineRun : public ::testing::Test {
protected:
    Pipeline* const pipeline_ = &test::fixturePipeline();
};

TEST_F(PipelineRun, ReproducesTheOriginalImagesFromItsNoise) {
    auto request = fixtureRequest();
    request.initialNoise = toVector(run().io.at("noise"));
    std::vector<StepProgress> steps;
    const auto result = pipeline_->generate(request, [&](const StepProgress& p) { steps.push_back(p); });
    const auto images = static_cast<std::size_t>(request.settings.numImages);
    ASSERT_EQ(result.images.size(), images);
    for (std::size_t i = 0; i < result.images.size(); ++i) {
        const Image expected = face::loadPhoto(fixture("pipeline/out" + std::to_string(i) + ".png"));
        const at::Tensor diff = (imageTensor(result.images[i]).to(at::kInt) - imageTensor(expected).to(at::kInt)).abs();
        // The float images agree to 1e-3 of their range; truncation to 8 bits may then differ by one.
        EXPECT_LE(diff.max().item<int>(), 1) << "image " << i;
    }
    const auto& theirs = run().io.at("images");
    for (std::size_t i = 0; i < result.images.size(); ++i) {
        const at::Tensor ours = imageTensor(result.images[i]).permute({2, 0, 1}).to(at::kFloat) / 127.5 - 1;
        EXPECT_TRUE(allClose(ours, theirs[static_cast<std::int64_t>(i)].clamp(-1, 1), 2.0 / 127.5)) << "image " << i;
    }

    ASSERT_EQ(steps.size(), static_cast<std::size_t>(request.settings.steps));
    const auto& trace = run().config.at("steps_trace");
    for (std::size_t k = 0; k < steps.size(); ++k) {
        EXPECT_EQ(steps[k].step, static_cast<int>(k) + 1);
        EXPECT_EQ(steps[k].totalSteps, request.settings.steps);
        EXPECT_EQ(steps[k].timestep, trace[k].at("t").get<int>());
        ASSERT_EQ(steps[k].previews.size(), images);
        EXPECT_EQ(steps[k].previews[0].width, request.settings.width / 8);
    }
    EXPECT_DOUBLE_EQ(steps.back().secondsLeft, 0.0);
    EXPECT_EQ(result.settings.seed, request.settings.seed);
}

TEST_F(PipelineRun, TheSameSeedGivesTheSameImagesAndImageIByItsOwnSeed) {
    auto request = fixtureRequest();
    request.settings.steps = 2;
    request.settings.seed = 1234;
    request.settings.numImages = 2;  // whatever the fixture's run made: image 1 is checked below
    request.preview = PreviewMode::None;
    const auto first = pipeline_->generate(request);
    const auto again = pipeline_->generate(request);
    ASSERT_EQ(first.images.size(), 2u);
    EXPECT_EQ(first.images[0].rgb, again.images[0].rgb);
    EXPECT_EQ(first.images[1].rgb, again.images[1].rgb);
    EXPECT_NE(first.images[0].rgb, first.images[1].rgb);

    // The second image alone, from its own seed.
    auto single = request;
    single.settings = settingsForImage(request.settings, 1);
    single.settings.numImages = 1;
    const auto second = pipeline_->generate(single);
    // Batched arithmetic may round differently from a batch of one: equal up to a grey level or two.
    const at::Tensor diff = (imageTensor(second.images[0]).to(at::kInt) - imageTensor(first.images[1]).to(at::kInt)).abs();
    EXPECT_LE(diff.max().item<int>(), 2);
    const at::Tensor other = (imageTensor(second.images[0]).to(at::kInt) - imageTensor(first.images[0]).to(at::kInt)).abs();
    EXPECT_GT(other.to(at::kFloat).mean().item<float>(), 5.0f) << "the two images of a run should differ";

    request.settings.seed = 1235;
    EXPECT_NE(pipeline_->generate(request).images[0].rgb, first.images[0].rgb);
}

TEST_F(PipelineRun, ReferenceLatentsAreKeptOnlyForTheSamePhotos) {
    // The pipeline keeps the last reference set's latents: other photos must be encoded anew,
    // and the first set again must give the first images again.
    auto request = fixtureRequest();
    request.settings.steps = 2;
    request.settings.seed = 99;
    request.preview = PreviewMode::None;
    const auto first = pipeline_->generate(request);
    auto mirrored = request;
    auto& rgb = mirrored.references[0].image.rgb;
    std::reverse(rgb.begin(), rgb.end());  // the same pixels, rotated half a turn
    const auto other = pipeline_->generate(mirrored);
    EXPECT_NE(other.images[0].rgb, first.images[0].rgb);
    EXPECT_EQ(pipeline_->generate(request).images[0].rgb, first.images[0].rgb);
}

TEST_F(PipelineRun, CancellingStopsWithinTheRunAndTheNextRunWorks) {
    auto request = fixtureRequest();
    request.settings.steps = std::max(request.settings.steps, 3);  // step 2 is within the run
    CancelToken cancel;
    int seen = 0;
    EXPECT_THROW(pipeline_->generate(request, [&](const StepProgress& p) {
        seen = p.step;
        if (p.step == 2) cancel.cancel();
    }, &cancel), Cancelled);
    EXPECT_EQ(seen, 2);
    cancel.reset();
    request.settings.steps = 1;
    EXPECT_EQ(pipeline_->generate(request, {}, &cancel).images.size(),
              static_cast<std::size_t>(request.settings.numImages));
}

TEST_F(PipelineRun, RejectsBadRequestsBeforeWork) {
    auto request = fixtureRequest();
    request.references.clear();
    EXPECT_THROW(pipeline_->generate(request), InvalidRequest);
    request = fixtureRequest();
    request.settings.width = 60;
    EXPECT_THROW(pipeline_->generate(request), InvalidRequest);
    request = fixtureRequest();
    request.initialNoise = {1.0f, 2.0f};
    EXPECT_THROW(pipeline_->generate(request), InvalidRequest);
}

TEST(PipelineErrors, WeightsOfTheWrongModelAreAFileErrorNamingTheFile) {
    test::TempDir dir;
    test::writeFixtureModelsJson(dir.path());
    auto manifest = test::readJson(dir.path() / "models.json");
    manifest["vae"]["file"] = fixture("unet/weights.pth").string();
    std::ofstream(dir.path() / "models.json") << manifest.dump();
    Pipeline pipeline(resolveModelFiles(dir.path()), {DeviceChoice::Cpu, PrecisionChoice::Auto, 1});
    try {
        pipeline.load();
        FAIL() << "loaded UNet weights as the autoencoder";
    } catch (const FileError& e) {
        EXPECT_EQ(e.file(), fixture("unet/weights.pth")) << e.what();
    }
    EXPECT_FALSE(pipeline.isLoaded());
}

TEST(PipelineErrors, CudaWithoutCudaIsRefusedClearly) {
    if (at::hasCUDA()) GTEST_SKIP() << "this build has CUDA";
    test::TempDir dir;
    test::writeFixtureModelsJson(dir.path());
    EXPECT_THROW(Pipeline(resolveModelFiles(dir.path()), {DeviceChoice::Cuda}), InvalidRequest);
    // Automatic precision on the CPU: bfloat16 where the CPU computes it (common/cpu_features.h).
    EXPECT_EQ(Pipeline(resolveModelFiles(dir.path()), {DeviceChoice::Auto, PrecisionChoice::Auto, 1}).deviceDescription(),
              std::string("CPU ") + (cpuHasBFloat16Arithmetic() ? "bfloat16" : "float32") + ", 1 thread");
    EXPECT_EQ(Pipeline(resolveModelFiles(dir.path()), {DeviceChoice::Auto, PrecisionChoice::Float32, 1}).deviceDescription(),
              "CPU float32, 1 thread");
}

}  // namespace
}  // namespace flashface::pipeline
