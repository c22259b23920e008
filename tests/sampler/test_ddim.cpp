#include "sampler/ddim.h"

#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

namespace flashface::sampler {
namespace {

TEST(Guidance, LaunchStepSwitchesToThreeGroups) {
    GuidanceSettings settings;
    settings.launchStep = 700;
    settings.lambda = 1.1f;
    settings.lambdaBefore = 0.8f;
    const auto before = guidanceStep(settings, 701);
    EXPECT_EQ(before.groups, 2);
    EXPECT_FLOAT_EQ(before.lambda, 0.8f);
    const auto after = guidanceStep(settings, 700);
    EXPECT_EQ(after.groups, 3);
    EXPECT_FLOAT_EQ(after.lambda, 1.1f);
    // Without reference guidance the third group has no weight: two groups at full λ.
    settings.referenceScale = 0;
    const auto noReference = guidanceStep(settings, 10);
    EXPECT_EQ(noReference.groups, 2);
    EXPECT_FLOAT_EQ(noReference.lambda, 1.1f);
}

TEST(Guidance, CombinesTheGroupsLinearlyWithoutRescale) {
    GuidanceSettings settings;
    settings.textScale = 2.0f;
    settings.referenceScale = 3.0f;
    settings.rescale = 0;
    // Rows: c_λ = 5, c₀ = 3, u = 1 (one sample each).
    const auto three = at::cat({at::full({1, 2, 2, 2}, 5.0), at::full({1, 2, 2, 2}, 3.0), at::full({1, 2, 2, 2}, 1.0)});
    const auto guided3 = combineGuidance(three, {3, 1.2f}, settings);
    EXPECT_EQ(guided3.sizes(), at::IntArrayRef({1, 2, 2, 2}));
    EXPECT_TRUE(guided3.eq(1.0f + 2.0f * (3.0f - 1.0f) + 3.0f * (5.0f - 3.0f)).all().item<bool>());
    // Two groups: c = 3, u = 1.
    const auto guided2 = combineGuidance(three.slice(0, 1), {2, 0.85f}, settings);
    EXPECT_TRUE(guided2.eq(1.0f + 2.0f * (3.0f - 1.0f)).all().item<bool>());
}

TEST(Guidance, FullRescaleMatchesTheTextConditionedSpread) {
    GuidanceSettings settings;
    settings.rescale = 1.0f;
    const auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
    const auto predictions = at::randn({6, 4, 5, 5}, gen);  // 3 groups of 2 samples
    const auto guided = combineGuidance(predictions, {3, 1.2f}, settings);
    const auto text = predictions.slice(0, 2, 4);  // c₀: the group without reference weight
    EXPECT_TRUE(test::allClose(guided.flatten(1).std(1), text.flatten(1).std(1), 1e-5));
    // Half the rescale keeps half of the unscaled result.
    settings.rescale = 0.5f;
    const auto half = combineGuidance(predictions, {3, 1.2f}, settings);
    settings.rescale = 0;
    const auto none = combineGuidance(predictions, {3, 1.2f}, settings);
    EXPECT_TRUE(test::allClose(half, 0.5 * guided + 0.5 * none, 1e-5));
}

TEST(Guidance, RejectsARowCountThatIsNotAGroupMultiple) {
    EXPECT_THROW(combineGuidance(at::zeros({5, 4, 2, 2}), {2, 1.0f}, {}), InternalError);
}

// With a predictor that knows the clean latent, every x0 estimate is that latent and DDIM
// lands on it exactly, whatever the guidance (all groups agree).
TEST(Ddim, RecoversTheCleanLatentFromAnExactPredictor) {
    const auto schedule = NoiseSchedule::scaledLinear();
    const auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
    const auto clean = at::randn({2, 4, 6, 6}, gen);
    const auto noise = at::randn({2, 4, 6, 6}, gen);
    const int steps = 7;
    const double sigma0 = schedule.trailingSigmas(steps).front();
    const auto start = std::sqrt(1 - sigma0 * sigma0) * clean + sigma0 * noise;

    GuidanceSettings guidance;
    std::vector<int> groupsSeen;
    const auto predictor = [&](const at::Tensor& x, int t, const GuidanceStep& step) {
        EXPECT_EQ(x.size(0), step.groups * clean.size(0));
        groupsSeen.push_back(step.groups);
        const auto target = clean.repeat({step.groups, 1, 1, 1});
        return (x - schedule.alpha(t) * target) / schedule.sigma(t);
    };
    int calls = 0;
    const auto result = sampleDdim(start, schedule, steps, guidance, predictor, [&](const SamplerStep& s) {
        EXPECT_EQ(s.index, calls++);
        EXPECT_EQ(s.count, steps);
        EXPECT_TRUE(test::allClose(*s.x0, clean, 1e-4)) << "step " << s.index;
    });
    EXPECT_EQ(calls, steps);
    EXPECT_TRUE(test::allClose(result, clean, 1e-4));
    EXPECT_EQ(groupsSeen.front(), 2);
    EXPECT_EQ(groupsSeen.back(), 3);
}

// The pipeline fixture's trace: the timesteps the model is called at and the λ in force.
TEST(Ddim, CallsTheModelAsInThePipelineTrace) {
    const auto config = test::readJson(test::fixture("pipeline/config.json"));
    GuidanceSettings guidance;
    guidance.textScale = config.at("text_control_scale").get<float>();
    guidance.referenceScale = config.at("face_guidence").get<float>();
    guidance.launchStep = config.at("step_to_launch_face_guidence").get<int>();
    guidance.lambda = config.at("lamda_feat").get<float>();
    guidance.lambdaBefore = config.at("lamda_feat_before_ref_guidence").get<float>();
    const auto& trace = config.at("steps_trace");

    std::vector<std::pair<int, float>> calls;
    const auto predictor = [&](const at::Tensor& x, int t, const GuidanceStep& step) {
        calls.emplace_back(t, step.lambda);
        return at::zeros_like(x);
    };
    const auto schedule = NoiseSchedule::scaledLinear();
    sampleDdim(at::ones({1, 4, 2, 2}), schedule, config.at("steps").get<int>(), guidance, predictor);
    ASSERT_EQ(calls.size(), trace.size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].first, trace[i].at("t").get<int>()) << "step " << i;
        EXPECT_FLOAT_EQ(calls[i].second, trace[i].at("similarity").get<float>()) << "step " << i;
    }
}

TEST(Ddim, ACallbackCanStopSampling) {
    const auto schedule = NoiseSchedule::scaledLinear();
    int predictions = 0;
    const auto predictor = [&](const at::Tensor& x, int, const GuidanceStep&) {
        ++predictions;
        return at::zeros_like(x);
    };
    EXPECT_THROW(sampleDdim(at::ones({1, 4, 2, 2}), schedule, 10, {}, predictor,
                            [](const SamplerStep& s) { if (s.index == 2) throw Cancelled(); }),
                 Cancelled);
    EXPECT_EQ(predictions, 3);
}

}  // namespace
}  // namespace flashface::sampler
