// The samplers on the fixture UNet against the original's DDIM run in fixtures/pipeline/: Euler is
// DDIM in another form, so it must reproduce that run; every sampler's first step is the
// original's first x0 estimate (same level, same model timestep, same latent).
#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/fixture_request.h"
#include "pipeline/sampling.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace flashface::sampler {
namespace {

const test::PipelineFixture& run() { return test::pipelineFixture(); }

const models::UNet& unet() {
    static const auto model = [] {
        auto m = std::make_unique<models::UNet>(models::UNetConfig::fromFile(test::fixture("unet/config.json")));
        nn::LoadOptions options;
        options.expectedExtras = models::UNet::skippedCheckpointKeys();
        nn::loadState(*m, checkpoint::Checkpoint::open(test::fixture("unet/weights.pth")), options);
        return m;
    }();
    return *model;
}

pipeline::SamplingInputs inputs(SamplerKind sampler) {
    pipeline::SamplingInputs in = test::fixtureSamplingInputs();
    in.sampler = sampler;
    return in;
}

GuidanceSettings guidance() {
    return test::fixtureRequest().settings.guidance;
}

// The fixtures' pipeline tolerance (error compounds over steps).
constexpr double kPipelineTolerance = 1e-3;

TEST(SamplersOnTheFixtureUNet, EulerReproducesTheOriginalDdimRun) {
    const auto& trace = run().config.at("steps_trace");
    std::vector<at::Tensor> x0;
    std::vector<int> timesteps;
    const at::Tensor z0 = pipeline::sampleLatents(unet(), inputs(SamplerKind::Euler), run().config.at("steps").get<int>(),
                                        guidance(), nullptr, [&](const SamplerStep& step) {
                                            x0.push_back(step.x0->clone());
                                            timesteps.push_back(step.timestep);
                                        });
    ASSERT_EQ(x0.size(), trace.size());
    for (std::size_t k = 0; k < x0.size(); ++k) {
        EXPECT_EQ(timesteps[k], trace[k].at("t").get<int>());
        EXPECT_TRUE(test::allClose(x0[k], run().io.at(trace[k].at("x0").get<std::string>()), kPipelineTolerance))
            << "step " << k;
    }
    EXPECT_TRUE(test::allClose(z0, run().io.at("z0"), kPipelineTolerance));
}

// One model step each (the callback stops the run): the first estimate is the original's.
TEST(SamplersOnTheFixtureUNet, EverySamplerStartsWithTheOriginalFirstEstimate) {
    const auto& first = run().config.at("steps_trace").at(0);
    for (const SamplerName& name : kSamplerNames) {
        SCOPED_TRACE(name.id);
        at::Tensor x0;
        int timestep = -1;
        EXPECT_THROW(pipeline::sampleLatents(unet(), inputs(name.kind), run().config.at("steps").get<int>(), guidance(), nullptr,
                                   [&](const SamplerStep& step) {
                                       x0 = step.x0->clone();
                                       timestep = step.timestep;
                                       throw Cancelled();
                                   }),
                     Cancelled);
        EXPECT_EQ(timestep, first.at("t").get<int>());
        EXPECT_TRUE(test::allClose(x0, run().io.at(first.at("x0").get<std::string>()), 1e-4));
    }
}

}  // namespace
}  // namespace flashface::sampler
