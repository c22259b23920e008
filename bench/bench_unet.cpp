// One denoising step of the full-size FlashFace UNet (random weights, float32, CPU) with 4
// references: the reference pass plus the main pass over k condition groups of one sample.
// Reports seconds per step, each pass's share (the reference pass is the baseline the main pass
// is compared with), and the process's peak RSS. Prints libtorch's version, BLAS and CPU kernels.
// Arguments: /<image size>/<condition groups>/<optimised?> (0: the original's computation);
// select with --benchmark_filter, e.g. bench_unet --benchmark_filter='size:256/groups:3/'
// `flashface bench` measures whole generations stage by stage; this isolates one step.
// Needs about 7 GB of memory for the weights.

#include "benchmark/random_weights.h"
#include "benchmark/system_probe.h"
#include "common/threads.h"
#include "models/unet.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <benchmark/benchmark.h>

#include <chrono>
#include <iostream>
#include <string>

namespace {

using flashface::models::UNet;
using flashface::models::UNetComputation;

constexpr std::int64_t kReferences = 4;
constexpr std::int64_t kReferenceLatent = 28;  // 224×224 faces
constexpr std::int64_t kTextTokens = 77;

UNet& model() {
    static UNet* unet = [] {
        auto* u = new UNet();
        flashface::benchmark::randomiseParameters(*u, 0);
        return u;
    }();
    return *unet;
}

double peakRssGiB() {
    return static_cast<double>(flashface::benchmark::memoryUsage().peak) / (1024.0 * 1024.0 * 1024.0);
}

void BM_UNetStep(benchmark::State& state) {
    const auto size = state.range(0);
    const auto k = static_cast<int>(state.range(1));
    const auto computation = state.range(2) ? UNetComputation::Optimised : UNetComputation::Original;
    const auto latent = size / 8;
    const auto& unet = model();
    const auto dim = unet.config().contextDim;

    at::manual_seed(0);
    const auto x = at::randn({k, unet.config().inDim, latent, latent});
    const auto context = at::randn({k, kTextTokens, dim});
    const auto refLatents = at::randn({kReferences, unet.config().inDim, kReferenceLatent, kReferenceLatent});
    const auto refContext = at::randn({1, kTextTokens, dim}).expand({kReferences, -1, -1});
    auto mask = at::zeros({1, latent, latent});
    mask.narrow(1, latent / 4, latent / 2).narrow(2, latent / 4, latent / 2).fill_(1);

    using Clock = std::chrono::steady_clock;
    double referenceSeconds = 0, mainSeconds = 0;
    at::NoGradGuard noGrad;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        const auto features = unet.referenceFeatures(refLatents, 500, refContext, computation);
        const auto t1 = Clock::now();
        benchmark::DoNotOptimize(unet.denoise(x, 500, context, mask, features, 1.2, k));
        const auto t2 = Clock::now();
        referenceSeconds += std::chrono::duration<double>(t1 - t0).count();
        mainSeconds += std::chrono::duration<double>(t2 - t1).count();
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["reference_pass_s"] = referenceSeconds / iterations;
    state.counters["main_pass_s"] = mainSeconds / iterations;
    state.counters["main_over_reference"] = mainSeconds / referenceSeconds;
    state.counters["peak_rss_GiB"] = peakRssGiB();
}

BENCHMARK(BM_UNetStep)
    ->ArgNames({"size", "groups", "optimised"})
    ->ArgsProduct({{256, 512}, {2, 3}, {0, 1}})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace

int main(int argc, char** argv) {
    flashface::preferPassiveThreadWaits(argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const int threads = flashface::configureThreads();
    std::cout << "threads: " << threads << "\n";
    std::cout << flashface::benchmark::libtorchBuild() << "\n";
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
