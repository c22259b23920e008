#include "benchmark/random_weights.h"

#include "nn/module.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <functional>
#include <numeric>

namespace flashface::benchmark {

void randomiseParameters(nn::Module& module, std::uint64_t seed) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const auto f32 = at::TensorOptions().dtype(at::kFloat);
    for (auto& p : module.parameters()) {
        const auto& shape = p.shape;
        if (shape.size() >= 2) {
            const auto fanIn = std::accumulate(shape.begin() + 1, shape.end(), 1.0, std::multiplies<>());
            *p.tensor = nn::inLayoutOf(p, at::randn(shape, generator, f32).div_(std::sqrt(fanIn)));
            continue;
        }
        const bool isBias = p.name.size() >= 4 && p.name.compare(p.name.size() - 4, 4, "bias") == 0;
        *p.tensor = isBias ? at::zeros(shape, f32) : at::ones(shape, f32);
    }
}

}  // namespace flashface::benchmark
