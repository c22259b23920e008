// The UNet's largest attentions on the CPU: the self-attention of the top level (8 heads of 40,
// 3 rows of a guided step) and the reference attention with 4 references of 28×28 tokens mixed
// per row with λ = (1.2, 0, 0). Compares the straightforward computation (all scores at once, both
// reference terms for every row, as the original), libtorch's fused kernel and the blocked one
// (per score budget).
// Arguments: /<algorithm: 0 straightforward, 1 fused, 2 blocked>/<tokens (latent pixels)>/<log2
// score budget>, e.g. bench_attention --benchmark_filter='Mixed/algorithm:1/tokens:4096/'

#include "common/threads.h"
#include "nn/attention.h"

#include <ATen/ATen.h>
#include <benchmark/benchmark.h>

#include <vector>

namespace {

using flashface::nn::AttentionAlgorithm;
using flashface::nn::AttentionOptions;

constexpr std::int64_t kRows = 3, kWidth = 320, kHeads = 8, kReferenceTokens = 4 * 28 * 28;

AttentionOptions optionsFor(const benchmark::State& state) {
    AttentionOptions options;
    options.numHeads = kHeads;
    constexpr AttentionAlgorithm algorithms[] = {AttentionAlgorithm::Straightforward, AttentionAlgorithm::Fused,
                                                 AttentionAlgorithm::Blocked};
    options.algorithm = algorithms[state.range(0)];
    options.scoreBudget = std::int64_t{1} << state.range(2);
    return options;
}

void BM_SelfAttention(benchmark::State& state) {
    const auto tokens = state.range(1);
    at::manual_seed(0);
    const auto q = at::randn({kRows, tokens, kWidth}), k = at::randn({kRows, tokens, kWidth}),
               v = at::randn({kRows, tokens, kWidth});
    const auto options = optionsFor(state);
    for (auto _ : state) benchmark::DoNotOptimize(flashface::nn::attention(q, k, v, options));
}

void BM_MixedAttention(benchmark::State& state) {
    const auto tokens = state.range(1);
    at::manual_seed(0);
    const auto q = at::randn({kRows, tokens, kWidth}), k = at::randn({kRows, tokens, kWidth}),
               v = at::randn({kRows, tokens, kWidth});
    const auto sharedK = at::randn({1, kReferenceTokens, kWidth}), sharedV = at::randn({1, kReferenceTokens, kWidth});
    const std::vector<double> lambdas = {1.2, 0.0, 0.0};
    const auto options = optionsFor(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(flashface::nn::attention(q, k, v, sharedK, sharedV, lambdas, options));
}

void arguments(benchmark::internal::Benchmark* b) {
    b->ArgNames({"algorithm", "tokens", "log2_budget"});
    for (const std::int64_t tokens : {1024, 4096}) {
        b->Args({0, tokens, 21});
        b->Args({1, tokens, 21});
        for (const std::int64_t budget : {15, 17, 19, 21, 23}) b->Args({2, tokens, budget});
    }
    b->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_SelfAttention)->Apply(arguments);
BENCHMARK(BM_MixedAttention)->Apply(arguments);

}  // namespace

int main(int argc, char** argv) {
    flashface::preferPassiveThreadWaits(argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    flashface::configureThreads();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
