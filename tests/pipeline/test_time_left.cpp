#include "common/error.h"
#include "pipeline/sampling.h"
#include "pipeline/time_left.h"
#include "sampler/schedule.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace flashface::pipeline {
namespace {

TEST(TimeLeft, EachStepIsEstimatedFromTheFinishedStepsWithItsGroupCount) {
    TimeLeft left({2, 2, 3, 3});
    // Only 2-group steps seen: the 3-group ones are estimated per group of difference.
    const double r = TimeLeft::kStepCostPerGroupRatio;
    EXPECT_DOUBLE_EQ(left.stepDone(0, 10.0), 10.0 + 2 * 10.0 * r);
    EXPECT_DOUBLE_EQ(left.stepDone(1, 12.0), 2 * 11.0 * r);
    // A 3-group step seen: its own mean from then on.
    EXPECT_DOUBLE_EQ(left.stepDone(2, 15.0), 15.0);
    EXPECT_DOUBLE_EQ(left.stepDone(3, 16.0), 0.0);
    EXPECT_THROW(left.stepDone(4, 1.0), InternalError);
}

TEST(TimeLeft, AThreeGroupStepFirstEstimatesTheTwoGroupStepsBelowIt) {
    TimeLeft left({3, 2});
    EXPECT_DOUBLE_EQ(left.stepDone(0, 12.0), 12.0 / TimeLeft::kStepCostPerGroupRatio);
}

TEST(StepGroups, TwoGroupsBeforeTheLaunchStepAndThreeFrom) {
    // The groups follow guidanceStep() of each step's model timestep, as sampleLatents runs them.
    sampler::GuidanceSettings guidance;
    SamplingInputs inputs;
    for (const int steps : {1, 2, 35}) {
        const auto groups = stepGroups(inputs, steps, guidance);
        const auto timesteps = sampler::samplerLevels(inputs.sampler, sampler::NoiseSchedule::scaledLinear(), steps).timesteps;
        ASSERT_EQ(groups.size(), timesteps.size());
        for (std::size_t i = 0; i < groups.size(); ++i)
            EXPECT_EQ(groups[i], sampler::guidanceStep(guidance, timesteps[i]).groups) << steps << " steps, step " << i;
        EXPECT_TRUE(std::is_sorted(groups.begin(), groups.end())) << steps << " steps";
    }
    // Without reference guidance every step has 2 groups.
    guidance.referenceScale = 0;
    const auto plain = stepGroups(inputs, 35, guidance);
    EXPECT_TRUE(std::all_of(plain.begin(), plain.end(), [](int g) { return g == 2; }));
}

}  // namespace
}  // namespace flashface::pipeline
