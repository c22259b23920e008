// The samplers besides DDIM: k-diffusion's own numbers on an exact Gaussian denoiser
// (tests/data/sampler/, written by tools/gen_sampler_reference.py), and how every sampler calls
// the model (timesteps, guidance groups, λ) in the engine.
#include "sampler/sampler.h"

#include "common/error.h"
#include "pipeline/sampling.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace flashface::sampler {
namespace {

const std::filesystem::path kData = FLASHFACE_SAMPLER_TEST_DATA;

const nlohmann::json& reference() {
    static const nlohmann::json json = test::readJson(kData / "k_diffusion_gaussian.json");
    return json;
}

at::Tensor tensorOf(const nlohmann::json& values, const std::vector<std::int64_t>& shape) {
    return at::tensor(values.get<std::vector<float>>(), at::TensorOptions().dtype(at::kFloat)).view(shape);
}

NoiseSchedule fixtureSchedule() {
    const auto json = test::readJson(test::fixture("schedule/schedule.json"));
    return NoiseSchedule::scaledLinear(static_cast<int>(json.at("sigmas").size()));
}

SamplerKind kindOf(const nlohmann::json& testCase) {
    const auto kind = parseSampler(testCase.at("sampler").get<std::string>());
    if (!kind) throw std::runtime_error("unknown sampler in the test data: " + testCase.at("sampler").dump());
    return *kind;
}

TEST(SamplerNames, EveryKindHasOneIdThatParsesBack) {
    std::set<std::string> ids;
    for (const SamplerName& name : kSamplerNames) {
        EXPECT_TRUE(ids.insert(name.id).second) << name.id;
        EXPECT_EQ(parseSampler(name.id), name.kind);
        EXPECT_EQ(samplerName(name.kind).id, std::string(name.id));
    }
    EXPECT_EQ(samplerIds().front(), "ddim");  // the default, listed first
    EXPECT_EQ(samplerIdList(), "ddim|euler|euler_a|dpmpp_2m|dpmpp_2m_karras");
    EXPECT_FALSE(parseSampler("DDIM"));
    EXPECT_FALSE(parseSampler(""));
}

// The noise levels and the model timesteps of every sampler are k-diffusion's: its trailing
// levels converted from the fixture run's, its get_sigmas_karras between the schedule's σ_min and
// σ_max, and round(DiscreteSchedule.sigma_to_t(σ)).
TEST(KDiffusionReference, NoiseLevelsAndModelTimesteps) {
    const auto schedule = fixtureSchedule();
    ASSERT_FALSE(reference().at("cases").empty());
    for (const auto& c : reference().at("cases")) {
        SCOPED_TRACE(c.at("sampler").get<std::string>() + ", " + std::to_string(c.at("steps").get<int>()) + " steps");
        const SamplerLevels levels = samplerLevels(kindOf(c), schedule, c.at("steps").get<int>());
        const auto sigmas = c.at("sigmas").get<std::vector<double>>();
        ASSERT_EQ(levels.sigmas.size(), sigmas.size());
        // k-diffusion holds the levels in float32: agreement to float32 rounding.
        for (std::size_t i = 0; i < sigmas.size(); ++i)
            EXPECT_NEAR(levels.sigmas[i], sigmas[i], 1e-6 * std::max(1.0, sigmas[i])) << "level " << i;
        EXPECT_EQ(levels.timesteps, c.at("timesteps").get<std::vector<int>>());
    }
}

// k-diffusion's sample_euler, sample_euler_ancestral (η = 1, its noise from a CPU generator with
// the data's seed, as libtorch draws it) and sample_dpmpp_2m on D(x, σ) = x·s²/(s²+σ²).
TEST(KDiffusionReference, SamplersOnTheGaussianDenoiser) {
    const auto& json = reference();
    const auto shape = json.at("shape").get<std::vector<std::int64_t>>();
    const double s2 = std::pow(json.at("data_std").get<double>(), 2);
    const at::Tensor noise = tensorOf(json.at("noise"), shape);
    const auto schedule = fixtureSchedule();
    for (const auto& c : json.at("cases")) {
        const SamplerKind kind = kindOf(c);
        SCOPED_TRACE(c.at("sampler").get<std::string>() + ", " + std::to_string(c.at("steps").get<int>()) + " steps");
        const SamplerLevels levels = samplerLevels(kind, schedule, c.at("steps").get<int>());
        const Denoiser denoise = [&](const at::Tensor& x, std::size_t i) {
            return x * (s2 / (s2 + levels.sigmas[i] * levels.sigmas[i]));
        };
        const at::Tensor x = noise * std::sqrt(1 + levels.sigmas.front() * levels.sigmas.front());
        at::Tensor result;
        switch (kind) {
        case SamplerKind::Euler: result = sampleEuler(x, levels.sigmas, denoise); break;
        case SamplerKind::EulerAncestral: {
            auto generator = at::make_generator<at::CPUGeneratorImpl>(c.at("noise_seed").get<std::uint64_t>());
            result = sampleEulerAncestral(x, levels.sigmas, denoise, [&] { return at::randn(shape, generator); });
            break;
        }
        case SamplerKind::Dpmpp2m:
        case SamplerKind::Dpmpp2mKarras: result = sampleDpmpp2m(x, levels.sigmas, denoise); break;
        case SamplerKind::Ddim: FAIL() << "DDIM has the pipeline fixture, not k-diffusion data";
        }
        // Both sides compute in float32 from a start of |x| up to max|x| (σ_0 ≈ 14.6), and the
        // first step cancels most of it: the results differ by float32 rounding at that size,
        // ε·max|x| ≈ 5.5e-6 here (2.6e-6 seen), far below the samplers' differences (> 1e-3).
        const double tolerance = 1.2e-7 * x.abs().max().item<double>();
        const at::Tensor expected = tensorOf(c.at("result"), shape);
        EXPECT_LE((result - expected).abs().max().item<double>(), tolerance);
    }
}

// The samplers really differ on the data: a wrong dispatch could not pass the test above.
TEST(KDiffusionReference, TheSamplersGiveDifferentResults) {
    for (const auto& c : reference().at("cases")) {
        if (c.at("sampler") != "euler" || c.at("steps").get<int>() < 4) continue;
        for (const auto& other : reference().at("cases"))
            if (other.at("steps") == c.at("steps") && other.at("sampler") != "euler") {
                const auto a = c.at("result").get<std::vector<float>>(), b = other.at("result").get<std::vector<float>>();
                double largest = 0;
                for (std::size_t i = 0; i < a.size(); ++i) largest = std::max(largest, double(std::abs(a[i] - b[i])));
                EXPECT_GT(largest, 1e-3) << other.at("sampler") << " " << c.at("steps");
            }
    }
}

// A noise predictor that is neither exact nor linear in x, so that the samplers' paths differ.
NoisePredictor wobblyPredictor(std::vector<std::tuple<int, int, float>>* calls = nullptr) {
    return [calls](const at::Tensor& x, int t, const GuidanceStep& step) {
        if (calls) calls->emplace_back(t, step.groups, step.lambda);
        const auto rows = x.size(0) / step.groups;
        std::vector<at::Tensor> groups;
        for (int g = 0; g < step.groups; ++g)  // the groups disagree, so guidance matters
            groups.push_back(at::tanh(x.slice(0, g * rows, (g + 1) * rows)) * (0.9 + 0.05 * g) + 1e-4 * t);
        return at::cat(groups);
    };
}

GuidanceSettings someGuidance() {
    GuidanceSettings g;
    g.launchStep = 600;
    g.lambda = 1.1f;
    g.lambdaBefore = 0.8f;
    return g;
}

at::Tensor someNoise(std::uint64_t seed = 5) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    return at::randn({2, 4, 5, 5}, generator);
}

// Euler's step is DDIM's written in the variance-exploding form, so over the same levels, with
// the same x0 estimates, the two must agree to float32 rounding, step by step.
TEST(Samplers, EulerIsDdim) {
    const auto schedule = fixtureSchedule();
    const int steps = 9;
    std::vector<std::tuple<int, int, float>> ddimCalls, eulerCalls;
    std::vector<at::Tensor> ddimX0, eulerX0;
    const at::Tensor ddim = sample(SamplerKind::Ddim, someNoise(), schedule, steps, someGuidance(),
                                   wobblyPredictor(&ddimCalls), {},
                                   [&](const SamplerStep& s) { ddimX0.push_back(s.x0->clone()); });
    const at::Tensor euler = sample(SamplerKind::Euler, someNoise(), schedule, steps, someGuidance(),
                                    wobblyPredictor(&eulerCalls), {},
                                    [&](const SamplerStep& s) { eulerX0.push_back(s.x0->clone()); });
    EXPECT_EQ(eulerCalls, ddimCalls);
    ASSERT_EQ(eulerX0.size(), ddimX0.size());
    for (std::size_t i = 0; i < ddimX0.size(); ++i) EXPECT_TRUE(test::allClose(eulerX0[i], ddimX0[i], 1e-5)) << i;
    EXPECT_TRUE(test::allClose(euler, ddim, 1e-5));
}

// Every sampler calls the model at its levels' timesteps, with the groups and λ that the launch
// step gives for that timestep, and reports each step once, in order.
TEST(Samplers, GuidanceSwitchesAtTheLaunchStepInModelTimesteps) {
    const auto schedule = fixtureSchedule();
    const int steps = 12;
    for (const SamplerName& name : kSamplerNames) {
        SCOPED_TRACE(name.id);
        std::vector<std::tuple<int, int, float>> calls;
        std::vector<int> reported;
        sample(name.kind, someNoise(), schedule, steps, someGuidance(), wobblyPredictor(&calls),
               [] { return at::zeros({2, 4, 5, 5}); },
               [&](const SamplerStep& s) {
                   EXPECT_EQ(s.index, static_cast<int>(reported.size()));
                   EXPECT_EQ(s.count, steps);
                   reported.push_back(s.timestep);
               });
        const SamplerLevels levels = samplerLevels(name.kind, schedule, steps);
        EXPECT_EQ(reported, levels.timesteps);
        ASSERT_EQ(calls.size(), levels.timesteps.size());
        bool launched = false;
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const auto [t, groups, lambda] = calls[i];
            const GuidanceStep expected = guidanceStep(someGuidance(), levels.timesteps[i]);
            EXPECT_EQ(t, levels.timesteps[i]);
            EXPECT_EQ(groups, expected.groups);
            EXPECT_FLOAT_EQ(lambda, expected.lambda);
            launched = launched || groups == 3;
        }
        EXPECT_TRUE(launched) << "the launch step was never reached";
        EXPECT_EQ(std::get<1>(calls.front()), 2);
    }
}

// With a predictor that knows the clean latent, every sampler lands on it: the last step of each
// (σ_next = 0) returns the x0 estimate, whatever came before.
TEST(Samplers, EverySamplerRecoversTheCleanLatentFromAnExactPredictor) {
    const auto schedule = fixtureSchedule();
    const at::Tensor clean = someNoise(11);
    for (const SamplerName& name : kSamplerNames) {
        SCOPED_TRACE(name.id);
        const auto exact = [&](const at::Tensor& x, int t, const GuidanceStep& step) {
            return (x - schedule.alpha(t) * clean.repeat({step.groups, 1, 1, 1})) / schedule.sigma(t);
        };
        auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
        const at::Tensor result = sample(name.kind, someNoise(), schedule, 7, someGuidance(), exact,
                                         [&] { return at::randn({2, 4, 5, 5}, generator); });
        EXPECT_TRUE(test::allClose(result, clean, 1e-4));
    }
}

// Img2img's start: strength 1 runs every step, lower strengths start at the first step at or
// below strength·T, and the smallest still run the last step.
TEST(LatentKeep, TheStrengthPicksTheFirstStepByModelTimestep) {
    const auto schedule = fixtureSchedule();
    const int total = schedule.timesteps();
    for (const SamplerName& name : kSamplerNames) {
        SCOPED_TRACE(name.id);
        const std::vector<int> timesteps = samplerLevels(name.kind, schedule, 10).timesteps;
        EXPECT_EQ(firstStepAt(1.0, timesteps, total), 0u);
        EXPECT_EQ(firstStepAt(1e-6, timesteps, total), timesteps.size() - 1);
        for (const double strength : {0.3, 0.55, 0.8}) {
            const std::size_t first = firstStepAt(strength, timesteps, total);
            EXPECT_LE(timesteps[first], strength * total);
            if (first > 0) {
                EXPECT_GT(timesteps[first - 1], strength * total);
            }
        }
    }
}

at::Tensor regionOf(float value) {
    return at::full({1, 1, 5, 5}, value);
}

// With the whole region repainted at strength 1 a kept picture changes nothing; with none of it
// repainted every sampler returns the kept latent itself; in between, only the steps from the
// start run, and outside the region the result is the kept latent.
TEST(LatentKeep, TheRegionAndTheStrengthBoundWhatChanges) {
    const auto schedule = fixtureSchedule();
    const int steps = 8;
    const at::Tensor kept = someNoise(21).slice(0, 0, 1);
    for (const SamplerName& name : kSamplerNames) {
        SCOPED_TRACE(name.id);
        const auto run = [&](const LatentKeep* keep, int* count = nullptr) {
            auto generator = at::make_generator<at::CPUGeneratorImpl>(9);
            return sample(name.kind, someNoise(), schedule, steps, someGuidance(), wobblyPredictor(),
                          [&] { return at::randn({2, 4, 5, 5}, generator); },
                          [&](const SamplerStep& s) {
                              if (count) *count = s.count;
                          },
                          keep);
        };
        const at::Tensor plain = run(nullptr);
        const LatentKeep everything{kept, regionOf(1), 1.0};
        EXPECT_TRUE(at::equal(run(&everything), plain));

        const LatentKeep nothing{kept, regionOf(0), 0.6};
        EXPECT_TRUE(at::equal(run(&nothing), kept.expand_as(plain)));

        at::Tensor half = regionOf(0);
        half.slice(3, 0, 2).fill_(1);
        const LatentKeep part{kept, half, 0.6};
        int count = 0;
        const at::Tensor partly = run(&part, &count);
        const auto timesteps = samplerLevels(name.kind, schedule, steps).timesteps;
        EXPECT_EQ(count, static_cast<int>(timesteps.size() - firstStepAt(0.6, timesteps, schedule.timesteps())));
        EXPECT_LT(count, steps);
        EXPECT_TRUE(at::equal(partly.slice(3, 2), kept.expand_as(plain).slice(3, 2)));
        EXPECT_FALSE(at::allclose(partly.slice(3, 0, 2), kept.expand_as(plain).slice(3, 0, 2)));
    }
}

TEST(Samplers, EulerAncestralNeedsANoiseSource) {
    EXPECT_THROW(sample(SamplerKind::EulerAncestral, someNoise(), fixtureSchedule(), 4, {}, wobblyPredictor()),
                 InternalError);
}

// Euler ancestral's per-step noise comes from the seed: the same seed repeats the run, another
// seed changes it, and image i of a batch gets the noise of the first image of a run with seed + i.
TEST(Samplers, EulerAncestralIsReproducibleFromTheSeed) {
    const auto schedule = fixtureSchedule();
    const at::Tensor start = someNoise();
    const auto run = [&](std::uint32_t seed, const at::Tensor& noise) {
        return sample(SamplerKind::EulerAncestral, noise, schedule, 6, someGuidance(), wobblyPredictor(),
                      pipeline::stepNoise(seed, noise.size(0), noise.size(1), noise.size(2), noise.size(3), at::kCPU));
    };
    const at::Tensor first = run(77, start);
    EXPECT_TRUE(at::equal(run(77, start), first));
    EXPECT_FALSE(at::allclose(run(78, start), first));
    const at::Tensor second = run(78, start.slice(0, 1, 2));
    EXPECT_TRUE(test::allClose(second, first.slice(0, 1, 2), 1e-5));

    // The seed's stream after the initial noise: never that noise over again.
    auto generator = at::make_generator<at::CPUGeneratorImpl>(77);
    EXPECT_TRUE(at::equal(at::randn({1, 4, 5, 5}, generator), pipeline::seededNoise(77, 4, 5, 5)));
    const NoiseSource noise = pipeline::stepNoise(77, 1, 4, 5, 5, at::kCPU);
    EXPECT_TRUE(at::equal(noise(), at::randn({1, 4, 5, 5}, generator)));
    EXPECT_TRUE(at::equal(noise(), at::randn({1, 4, 5, 5}, generator)));
}

}  // namespace
}  // namespace flashface::sampler
