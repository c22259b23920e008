#include "sampler/schedule.h"

#include "common/error.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>

#include <cmath>

namespace flashface::sampler {
namespace {

nlohmann::json scheduleFixture() {
    return test::readJson(test::fixture("schedule/schedule.json"));
}

TEST(NoiseSchedule, TableMatchesTheOriginal) {
    const auto json = scheduleFixture();
    const auto expected = json.at("sigmas").get<std::vector<double>>();
    const auto schedule = NoiseSchedule::scaledLinear(static_cast<int>(expected.size()));
    ASSERT_EQ(schedule.timesteps(), static_cast<int>(expected.size()));
    for (std::size_t t = 0; t < expected.size(); ++t) {
        EXPECT_NEAR(schedule.sigmas()[t], expected[t], 1e-9) << "t = " << t;
        const double alpha = schedule.alpha(static_cast<int>(t));
        EXPECT_NEAR(alpha * alpha + expected[t] * expected[t], 1.0, 1e-12);
    }
}

TEST(NoiseSchedule, EveryTrailingRunMatchesTheOriginal) {
    const auto json = scheduleFixture();
    const auto schedule = NoiseSchedule::scaledLinear(static_cast<int>(json.at("sigmas").size()));
    ASSERT_FALSE(json.at("runs").empty());
    for (const auto& run : json.at("runs")) {
        const int steps = run.at("steps").get<int>();
        SCOPED_TRACE("steps = " + std::to_string(steps));
        ASSERT_EQ(run.at("discretization").get<std::string>(), "trailing")
            << "the fixture has a discretization the engine does not implement";
        const auto expectedSigmas = run.at("sampler_sigmas").get<std::vector<double>>();
        const auto expectedT = run.at("model_t").get<std::vector<int>>();

        const auto sigmas = schedule.trailingSigmas(steps);
        ASSERT_EQ(sigmas.size(), expectedSigmas.size());
        for (std::size_t i = 0; i < sigmas.size(); ++i) EXPECT_NEAR(sigmas[i], expectedSigmas[i], 1e-6) << "i = " << i;

        ASSERT_EQ(expectedT.size() + 1, sigmas.size());
        for (std::size_t i = 0; i < expectedT.size(); ++i)
            EXPECT_EQ(schedule.modelTimestep(sigmas[i]), expectedT[i]) << "step " << i;
    }
}

TEST(NoiseSchedule, InterpolationIsExactAtIntegerTimesteps) {
    const auto schedule = NoiseSchedule::scaledLinear();
    for (int t : {0, 1, 250, 500, 998, 999}) {
        const float sigma = schedule.sigmaAt(static_cast<float>(t));
        EXPECT_NEAR(sigma, schedule.sigma(t), 1e-6) << "t = " << t;
        EXPECT_EQ(schedule.modelTimestep(sigma), t);
    }
    // Between two timesteps the interpolated σ lies between their σ.
    const float mid = schedule.sigmaAt(500.5f);
    EXPECT_GT(mid, schedule.sigma(500));
    EXPECT_LT(mid, schedule.sigma(501));
    EXPECT_NEAR(schedule.timestepOf(mid), 500.5f, 1e-3);
}

TEST(NoiseSchedule, RejectsFewerThanOneStep) {
    const auto schedule = NoiseSchedule::scaledLinear();
    EXPECT_THROW(schedule.trailingSigmas(0), InternalError);
    EXPECT_THROW(schedule.trailingSigmas(-3), InternalError);
}

}  // namespace
}  // namespace flashface::sampler
