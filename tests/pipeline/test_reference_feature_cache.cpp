// The reference-feature cache on the fixture models: a cached run is the uncached run bit for bit,
// the budget bounds it (least recently used first), and every part of the key separates entries.
#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "fixture_models.h"
#include "fixture_request.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/pipeline.h"
#include "pipeline/reference_feature_cache.h"
#include "pipeline/sampling.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace flashface::pipeline {
namespace {

using test::fixture;

std::unique_ptr<models::UNet> loadUNet() {
    auto unet = std::make_unique<models::UNet>(models::UNetConfig::fromFile(fixture("unet/config.json")));
    nn::LoadOptions options;
    options.expectedExtras = models::UNet::skippedCheckpointKeys();
    nn::loadState(*unet, checkpoint::Checkpoint::open(fixture("unet/weights.pth")), options);
    return unet;
}

const models::UNet& fixtureUNet() {
    static const auto unet = loadUNet();
    return *unet;
}

// The model timesteps of the fixture's run, in order.
std::vector<std::int64_t> runTimesteps() {
    std::vector<std::int64_t> t;
    for (const auto& step : test::pipelineFixture().config.at("steps_trace")) t.push_back(step.at("t").get<std::int64_t>());
    return t;
}

at::Tensor sampleFixture(const SamplingInputs& inputs, const CancelToken* cancel = nullptr,
                         const sampler::SamplerCallback& onStep = {}) {
    const auto request = test::fixtureRequest();
    return sampleLatents(fixtureUNet(), inputs, request.settings.steps, request.settings.guidance, cancel, onStep);
}

// The fixture's run without a cache: what every cached run must give bit for bit.
const at::Tensor& uncachedLatents() {
    static const at::Tensor z = sampleFixture(test::fixtureSamplingInputs());
    return z;
}

bool sameFeatures(const models::ReferenceFeatures& a, const models::ReferenceFeatures& b) {
    if (a.keys.size() != b.keys.size() || a.values.size() != b.values.size()) return false;
    for (std::size_t i = 0; i < a.keys.size(); ++i)
        if (!at::equal(a.keys[i], b.keys[i]) || !at::equal(a.values[i], b.values[i])) return false;
    return true;
}

// One entry's bytes, as the cache counts them.
std::uint64_t entryBytes() {
    const auto in = test::fixtureSamplingInputs();
    ReferenceFeatureCache cache(std::uint64_t{1} << 40);
    cache.provider(fixtureUNet(), in.refLatents, in.refContext)(runTimesteps().front());
    return cache.bytes();
}

// One thread, as the pipeline's fixture runs have: the tiny models gain nothing from more, and
// the test machines are shared.
class ReferenceFeatureCacheTest : public ::testing::Test {
protected:
    void SetUp() override { at::set_num_threads(1); }
    void TearDown() override { at::set_num_threads(threads_); }

private:
    int threads_ = at::get_num_threads();
};

TEST_F(ReferenceFeatureCacheTest, ACachedRunIsTheUncachedRunBitForBit) {
    auto inputs = test::fixtureSamplingInputs();
    const at::Tensor& uncached = uncachedLatents();

    ReferenceFeatureCache cache(std::uint64_t{1} << 40);
    inputs.referenceFeatures = cache.provider(fixtureUNet(), inputs.refLatents, inputs.refContext);
    const at::Tensor first = sampleFixture(inputs);
    const auto timesteps = runTimesteps();
    const auto distinct = std::set<std::int64_t>(timesteps.begin(), timesteps.end()).size();
    EXPECT_EQ(cache.misses(), distinct);
    EXPECT_EQ(cache.entries(), distinct);
    EXPECT_EQ(cache.bytes(), distinct * entryBytes());

    // The next run with the same references (a new provider, as each run makes) needs no reference pass.
    inputs.referenceFeatures = cache.provider(fixtureUNet(), inputs.refLatents.clone(), inputs.refContext.clone());
    const at::Tensor second = sampleFixture(inputs);
    EXPECT_EQ(cache.misses(), distinct);
    EXPECT_EQ(cache.hits(), timesteps.size());
    EXPECT_TRUE(at::equal(first, uncached));
    EXPECT_TRUE(at::equal(second, uncached));
}

TEST_F(ReferenceFeatureCacheTest, ACancelledRunLeavesOnlyWholeEntriesAndTheNextRunIsExact) {
    auto inputs = test::fixtureSamplingInputs();
    const at::Tensor& uncached = uncachedLatents();
    const auto timesteps = runTimesteps();
    ASSERT_GE(timesteps.size(), 2u) << "the fixture run needs a step after the first to cancel";

    ReferenceFeatureCache cache(std::uint64_t{1} << 40);
    inputs.referenceFeatures = cache.provider(fixtureUNet(), inputs.refLatents, inputs.refContext);
    CancelToken cancel;
    EXPECT_THROW(sampleFixture(inputs, &cancel, [&](const sampler::SamplerStep&) { cancel.cancel(); }), Cancelled);
    EXPECT_EQ(cache.entries(), 1u);
    EXPECT_EQ(cache.bytes(), entryBytes());

    EXPECT_TRUE(at::equal(sampleFixture(inputs), uncached));
    EXPECT_EQ(cache.hits(), 1u);
}

TEST_F(ReferenceFeatureCacheTest, AFailedReferencePassStoresNothing) {
    const auto in = test::fixtureSamplingInputs();
    ReferenceFeatureCache cache(std::uint64_t{1} << 40);
    const auto wrongChannels = at::cat({in.refLatents, in.refLatents}, 1);
    const auto t = runTimesteps().front();
    EXPECT_THROW(cache.provider(fixtureUNet(), wrongChannels, in.refContext)(t), InternalError);
    EXPECT_EQ(cache.entries(), 0u);
    EXPECT_EQ(cache.bytes(), 0u);
    cache.provider(fixtureUNet(), in.refLatents, in.refContext)(t);
    EXPECT_EQ(cache.entries(), 1u);
}

TEST_F(ReferenceFeatureCacheTest, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
    const auto in = test::fixtureSamplingInputs();
    const auto one = entryBytes();
    ReferenceFeatureCache cache(2 * one + one / 2);  // two entries fit, three do not
    const auto features = cache.provider(fixtureUNet(), in.refLatents, in.refContext);
    const auto expectHit = [&](std::int64_t t, bool hit) {
        const auto misses = cache.misses();
        features(t);
        EXPECT_EQ(cache.misses() == misses, hit) << "t = " << t;
        EXPECT_LE(cache.bytes(), cache.budget());
    };
    // Any three model timesteps do.
    const std::int64_t a = 999, b = 500, c = 1;
    expectHit(a, false);
    expectHit(b, false);
    expectHit(c, false);  // drops a
    EXPECT_EQ(cache.entries(), 2u);
    expectHit(b, true);   // b is now the most recent, c the least
    expectHit(a, false);  // drops c
    expectHit(b, true);
    expectHit(c, false);  // drops a

    cache.setBudget(one);
    EXPECT_EQ(cache.entries(), 1u);
    expectHit(c, true);  // the most recent one stayed
    cache.setBudget(one - 1);  // smaller than any entry: nothing is kept, the features still come
    EXPECT_EQ(cache.entries(), 0u);
    EXPECT_EQ(cache.bytes(), 0u);
    EXPECT_TRUE(sameFeatures(features(a), fixtureUNet().referenceFeatures(in.refLatents, a, in.refContext)));
    EXPECT_EQ(cache.entries(), 0u);
}

TEST_F(ReferenceFeatureCacheTest, OtherReferencesContextWeightsOrComputationMiss) {
    const auto in = test::fixtureSamplingInputs();
    const auto t = runTimesteps().front();
    ReferenceFeatureCache cache(std::uint64_t{1} << 40);
    const auto& unet = fixtureUNet();
    const auto expectMiss = [&](const ReferenceFeatureProvider& features, const models::ReferenceFeatures& expected) {
        const auto misses = cache.misses();
        EXPECT_TRUE(sameFeatures(features(t), expected));
        EXPECT_EQ(cache.misses(), misses + 1);
    };
    const auto computed = [&](const models::UNet& u, const at::Tensor& latents, const at::Tensor& context) {
        return u.referenceFeatures(latents, t, context);
    };
    expectMiss(cache.provider(unet, in.refLatents, in.refContext), computed(unet, in.refLatents, in.refContext));

    // Another negative prompt: the positive prompt's encoding as the reference context.
    const auto otherContext = in.positive.narrow(0, 0, 1).expand_as(in.refContext).contiguous();
    expectMiss(cache.provider(unet, in.refLatents, otherContext), computed(unet, in.refLatents, otherContext));
    // Other references: the same latents in another order.
    const auto otherLatents = in.refLatents.flip(0).contiguous();
    ASSERT_FALSE(at::equal(otherLatents, in.refLatents)) << "the fixture's references are all alike";
    expectMiss(cache.provider(unet, otherLatents, in.refContext), computed(unet, otherLatents, in.refContext));

    // Weights loaded again (other tensors, however equal), and weights changed in place.
    auto reloaded = loadUNet();
    expectMiss(cache.provider(*reloaded, in.refLatents, in.refContext), computed(*reloaded, in.refLatents, in.refContext));
    const auto again = cache.provider(*reloaded, in.refLatents, in.refContext);
    again(t);
    EXPECT_EQ(cache.hits(), 1u);
    reloaded->parameters().front().tensor->mul_(0.5);
    expectMiss(cache.provider(*reloaded, in.refLatents, in.refContext), computed(*reloaded, in.refLatents, in.refContext));

    // The original's computation keeps other features.
    const auto misses = cache.misses();
    cache.provider(unet, in.refLatents, in.refContext, models::UNetComputation::Original)(t);
    EXPECT_EQ(cache.misses(), misses + 1);

    // The first set is still there.
    const auto hits = cache.hits();
    cache.provider(unet, in.refLatents.clone(), in.refContext.clone())(t);
    EXPECT_EQ(cache.hits(), hits + 1);
}

// End to end: the pipeline's cache (on by default) gives the images of a pipeline without one.
TEST_F(ReferenceFeatureCacheTest, ThePipelinesRunsAreThoseOfAPipelineWithoutCache) {
    test::TempDir folder;
    test::writeFixtureModelsJson(folder.path());
    const auto files = resolveModelFiles(folder.path());
    RuntimeOptions options{DeviceChoice::Cpu, PrecisionChoice::Auto, 1};
    Pipeline cached(files, options);
    options.referenceCacheBytes = 0;
    Pipeline uncached(files, options);
    auto request = test::fixtureRequest();
    request.preview = PreviewMode::None;

    const auto expected = uncached.generate(request);
    const auto first = cached.generate(request);
    auto otherSeed = request;
    otherSeed.settings.seed += 1;
    cached.generate(otherSeed);
    const auto second = cached.generate(request);
    ASSERT_EQ(first.images.size(), expected.images.size());
    for (std::size_t i = 0; i < expected.images.size(); ++i) {
        EXPECT_EQ(first.images[i].rgb, expected.images[i].rgb) << "image " << i;
        EXPECT_EQ(second.images[i].rgb, expected.images[i].rgb) << "image " << i;
    }
}

}  // namespace
}  // namespace flashface::pipeline
