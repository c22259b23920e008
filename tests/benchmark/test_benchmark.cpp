#include "benchmark/generation_benchmark.h"
#include "benchmark/random_weights.h"
#include "benchmark/system_probe.h"
#include "common/cpu_memory.h"
#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace flashface;
using namespace flashface::benchmark;
using models::UNetComputation;

// The fixture-size networks (same structure as the real ones), two steps: one of each kind.
benchmark::GenerationBenchmarkOptions fixtureOptions() {
    benchmark::GenerationBenchmarkOptions o;
    o.clip = models::ClipTextConfig::fromFile(test::fixture("clip_text/config.json"));
    o.vae = models::AutoencoderConfig::fromFile(test::fixture("vae/config.json"));
    o.unet = models::UNetConfig::fromFile(test::fixture("unet/config.json"));
    o.width = 48;
    o.height = 32;
    o.references = 2;
    o.images = 2;
    o.device = pipeline::DeviceChoice::Cpu;
    // The computations are equal to float32 rounding (automatic precision may be bfloat16 here).
    o.precision = pipeline::PrecisionChoice::Float32;
    return o;
}

const benchmark::GenerationBenchmarkReport& fixtureReport() {
    static const auto report = [] {
        auto o = fixtureOptions();
        o.repeats = 2;
        return benchmark::runGenerationBenchmark(o);
    }();
    return report;
}

TEST(GenerationBenchmark, MeasuresEveryStageOfEveryKindOfRunInAlternation) {
    const auto& report = fixtureReport();
    const std::vector<benchmark::RunKind> round = {benchmark::RunKind::Original, benchmark::RunKind::Optimised, benchmark::RunKind::Cached};
    ASSERT_EQ(report.runs.size(), 2 * round.size());
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const auto& run = report.runs[i];
        EXPECT_EQ(run.kind, round[i % round.size()]);
        EXPECT_EQ(run.repeat, static_cast<int>(i / round.size()));
        ASSERT_EQ(run.stages.size(), benchmark::kStages.size());
        for (const auto& stage : run.stages) {
            // 2 steps with launch at 750: one step of each group count, a reference pass per step.
            const int expected = stage.stage == "reference pass" ? 2 : 1;
            EXPECT_EQ(stage.occurrences, expected) << stage.stage;
            EXPECT_GT(stage.seconds, 0.0) << stage.stage;
            EXPECT_GT(stage.peakBytes, 0) << stage.stage;
            EXPECT_GE(stage.extraBytes, 0) << stage.stage;
        }
        // Every reference pass of a cached run comes from the cache; none of a first run's.
        EXPECT_EQ(run.referenceHits, run.kind == benchmark::RunKind::Cached ? 2 : 0);
        EXPECT_EQ(run.images.sizes(), (at::IntArrayRef{2, 3, 32, 48}));
    }
    EXPECT_GT(report.weightBytes, 0);
    EXPECT_GT(report.referenceFeatureBytes, 0);
}

TEST(GenerationBenchmark, EveryKindOfRunMakesTheSameImages) {
    const auto& report = fixtureReport();
    const auto scale = std::max(1.0, report.runs.front().images.abs().max().item<double>());
    EXPECT_LE(report.maxImageDifference, 1e-4 * scale);
    EXPECT_EQ(report.cachedImageDifference, 0.0);  // the cached run is its first run bit for bit
    EXPECT_TRUE(report.runs.front().images.isfinite().all().item<bool>());
}

TEST(GenerationBenchmark, ReportsMediansRatiosAndConditions) {
    const auto& report = fixtureReport();
    const auto json = benchmark::toJson(report);
    EXPECT_EQ(json.at("runs").size(), 6u);
    EXPECT_EQ(json.at("settings").at("width"), 48);
    EXPECT_TRUE(json.at("environment").contains("load_average_before"));
    EXPECT_EQ(json.at("reference_feature_bytes_per_timestep"), report.referenceFeatureBytes);
    ASSERT_EQ(json.at("summary").size(), benchmark::kStages.size());
    for (const auto& row : json.at("summary")) {
        const auto stage = row.at("stage").get<std::string>();
        const double original = benchmark::medianSeconds(report, benchmark::RunKind::Original, stage);
        const double optimised = benchmark::medianSeconds(report, benchmark::RunKind::Optimised, stage);
        const double cached = benchmark::medianSeconds(report, benchmark::RunKind::Cached, stage);
        EXPECT_DOUBLE_EQ(row.at("original").at("median_seconds").get<double>(), original) << stage;
        EXPECT_DOUBLE_EQ(row.at("optimised_over_original").get<double>(), optimised / original) << stage;
        EXPECT_DOUBLE_EQ(row.at("cached_over_optimised").get<double>(), cached / optimised) << stage;
        EXPECT_DOUBLE_EQ(row.at("cached_over_original").get<double>(), cached / original) << stage;
    }
    const auto table = benchmark::formatReport(report);
    for (const char* stage : benchmark::kStages) EXPECT_NE(table.find(stage), std::string::npos) << stage;
    for (const char* text : {"load average", "cached/opt", "4 of 4 reference passes from the cache", "bit for bit"})
        EXPECT_NE(table.find(text), std::string::npos) << text;
}

TEST(GenerationBenchmark, OneComputationAlone) {
    auto o = fixtureOptions();
    o.computations = {UNetComputation::Optimised};
    o.cachedRun = false;
    o.steps = 1;
    o.launchStep = 1000;  // the only step (t = 999) is guided: 3 groups
    const auto report = benchmark::runGenerationBenchmark(o);
    ASSERT_EQ(report.runs.size(), 1u);
    EXPECT_GT(benchmark::medianSeconds(report, benchmark::RunKind::Optimised, "main UNet, 3 groups"), 0.0);
    EXPECT_EQ(benchmark::medianSeconds(report, benchmark::RunKind::Optimised, "main UNet, 2 groups"), 0.0);
    EXPECT_FALSE(benchmark::toJson(report).at("summary").at(0).contains("optimised_over_original"));
    EXPECT_FALSE(benchmark::toJson(report).contains("cached_image_difference"));
}

TEST(GenerationBenchmark, ProfilesEachStageByOperator) {
    auto o = fixtureOptions();
    o.computations = {UNetComputation::Optimised};
    o.cachedRun = false;
    o.steps = 1;
    o.profileOperators = true;
    const auto report = benchmark::runGenerationBenchmark(o);
    ASSERT_EQ(report.runs.size(), 1u);
    for (const auto& stage : report.runs[0].stages) {
        if (stage.stage == "whole run" || stage.occurrences == 0 || stage.stage.rfind("step,", 0) == 0) continue;
        ASSERT_FALSE(stage.operators.empty()) << stage.stage;
        double self = 0;
        for (std::size_t i = 0; i < stage.operators.size(); ++i) {
            const auto& op = stage.operators[i];
            EXPECT_EQ(op.name.rfind("aten::", 0), 0u) << op.name;
            EXPECT_GT(op.calls, 0) << op.name;
            if (i > 0) EXPECT_LE(op.selfSeconds, stage.operators[i - 1].selfSeconds) << "longest first";
            self += op.selfSeconds;
        }
        // Self times do not overlap: together they fit in the stage (a little profiler slack).
        EXPECT_GT(self, 0.0) << stage.stage;
        EXPECT_LE(self, stage.seconds * 1.05) << stage.stage;
    }
    EXPECT_NE(benchmark::formatReport(report).find("self time by operator"), std::string::npos);
}

TEST(GenerationBenchmark, RejectsImpossibleSettings) {
    auto o = fixtureOptions();
    o.width = 50;
    EXPECT_THROW(benchmark::runGenerationBenchmark(o), InvalidRequest);
    o = fixtureOptions();
    o.computations.clear();
    EXPECT_THROW(benchmark::runGenerationBenchmark(o), InvalidRequest);
    o = fixtureOptions();
    o.precision = pipeline::PrecisionChoice::Float16;
    EXPECT_THROW(benchmark::runGenerationBenchmark(o), InvalidRequest);
}

TEST(SystemProbe, PeakMemoryFollowsAnAllocationAndResets) {
    ASSERT_TRUE(benchmark::resetPeakMemory());
    const auto before = benchmark::memoryUsage();
    EXPECT_GT(before.current, 0);
    {
        const auto big = at::ones({64, 1024, 1024});  // 256 MiB, touched
        EXPECT_GE(benchmark::memoryUsage().peak - before.current, std::int64_t{200} << 20);
    }
    ASSERT_TRUE(benchmark::resetPeakMemory());
    EXPECT_LT(benchmark::memoryUsage().peak - before.current, std::int64_t{100} << 20);
}

TEST(CpuMemory, FreedBlocksAreReusedForTheSameSizeClass) {
    ASSERT_FALSE(reusingCpuMemory());
    reuseCpuMemory(true);
    EXPECT_TRUE(reusingCpuMemory());
    const void* first = nullptr;
    {
        const auto t = at::ones({2 << 20});  // 8 MiB
        first = t.data_ptr();
    }
    EXPECT_EQ(cachedCpuMemory(), std::size_t{8} << 20);
    {
        const auto again = at::zeros({(2 << 20) - 1000});  // the same size class
        EXPECT_EQ(again.data_ptr(), first);
        EXPECT_EQ(cachedCpuMemory(), 0u);
        EXPECT_EQ(again.max().item<float>(), 0.0f);  // (no temporary of its size)
        const auto small = at::ones({1000});  // below 1 MiB: libtorch's own allocator
        EXPECT_EQ(small.sum().item<float>(), 1000.0f);
    }
    // Off: new tensors come from libtorch's allocator; kept blocks stay until released.
    reuseCpuMemory(false);
    EXPECT_FALSE(reusingCpuMemory());
    { const auto other = at::ones({2 << 20}); }
    EXPECT_EQ(cachedCpuMemory(), std::size_t{8} << 20);
    releaseCachedCpuMemory();
    EXPECT_EQ(cachedCpuMemory(), 0u);
}

TEST(CpuMemory, KeepsNoMoreThanItsLimit) {
    reuseCpuMemory(true, std::size_t{12} << 20);
    {
        const auto a = at::ones({2 << 20}), b = at::ones({2 << 20});  // 8 MiB each
    }
    EXPECT_EQ(cachedCpuMemory(), std::size_t{8} << 20);
    reuseCpuMemory(false);
    releaseCachedCpuMemory();
}

TEST(RandomWeights, VariancePreservingAndSeeded) {
    nn::Linear a(256, 64), b(256, 64);
    benchmark::randomiseParameters(a, 7);
    benchmark::randomiseParameters(b, 7);
    EXPECT_TRUE(at::equal(a.weight, b.weight));
    EXPECT_NEAR(a.weight.std().item<double>(), 1.0 / 16.0, 0.005);  // 1/√fan_in
    EXPECT_TRUE(at::equal(a.bias, at::zeros({64})));
}

}  // namespace
