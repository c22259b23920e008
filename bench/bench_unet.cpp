// One denoising step of the full-size FlashFace UNet (random weights, float32, CPU) with 4
// references: the reference pass plus the main pass over k condition groups of one sample.
// Reports seconds per step, each pass's share (the reference pass is the baseline the main pass
// is compared with), and the process's peak RSS. Prints the BLAS library libtorch loaded first:
// the reference BLAS is ~15× slower than OpenBLAS.
// Arguments: /<image size>/<condition groups>/<optimised?> (0: the original's computation);
// select with --benchmark_filter, e.g. bench_unet --benchmark_filter='size:256/groups:3/'
// `flashface bench` measures whole generations stage by stage; this isolates one step.
// Needs about 7 GB of memory for the weights.

#include "common/threads.h"
#include "models/unet.h"

#include <ATen/ATen.h>
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <set>
#include <string>

namespace {

using flashface::models::UNet;
using flashface::models::UNetComputation;

constexpr std::int64_t kReferences = 4;
constexpr std::int64_t kReferenceLatent = 28;  // 224×224 faces
constexpr std::int64_t kTextTokens = 77;

// Random weights with variance-preserving scales (norm weights 1, biases 0), so activations stay
// in a normal range and no denormals distort the timings.
void randomise(UNet& unet) {
    for (auto& p : unet.parameters()) {
        const auto& shape = p.shape;
        if (shape.size() >= 2) {
            const auto fanIn = std::accumulate(shape.begin() + 1, shape.end(), 1.0, std::multiplies<>());
            *p.tensor = at::randn(shape) / std::sqrt(fanIn);
        } else {
            const bool isBias = p.name.size() >= 4 && p.name.compare(p.name.size() - 4, 4, "bias") == 0;
            *p.tensor = isBias ? at::zeros(shape) : at::ones(shape);
        }
    }
}

UNet& model() {
    static UNet* unet = [] {
        auto* u = new UNet();
        randomise(*u);
        return u;
    }();
    return *unet;
}

double peakRssGiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss is in KiB
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

// The BLAS libraries mapped into this process (libtorch does its matrix products through libblas.so.3).
std::set<std::string> loadedBlas() {
    std::ifstream maps("/proc/self/maps");
    std::set<std::string> libraries;
    for (std::string line; std::getline(maps, line);) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::filesystem::path path = line.substr(slash);
        if (path.filename().string().find("blas") != std::string::npos) libraries.insert(path.string());
    }
    return libraries;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const int threads = flashface::configureThreads();
    std::cout << "threads: " << threads << "\n";
    const auto blas = loadedBlas();
    if (blas.empty()) std::cout << "BLAS: none mapped (libtorch's own kernels)\n";
    for (const auto& library : blas)
        std::cout << "BLAS: " << library
                  << (library.find("openblas") != std::string::npos ? "" : "  (not OpenBLAS: expect slow matrix products)")
                  << "\n";
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
