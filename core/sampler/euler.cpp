#include "sampler/k_samplers.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace flashface::sampler {

at::Tensor sampleEuler(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                       const LatentHook& afterStep) {
    for (std::size_t i = 0; i + 1 < sigmas.size(); ++i) {
        const at::Tensor derivative = (x - denoise(x, i)) / sigmas[i];
        x = x + derivative * (sigmas[i + 1] - sigmas[i]);
        if (afterStep) x = afterStep(std::move(x), i + 1);
    }
    return x;
}

at::Tensor sampleEulerAncestral(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                                const NoiseSource& noise, const LatentHook& afterStep) {
    for (std::size_t i = 0; i + 1 < sigmas.size(); ++i) {
        const double sigma = sigmas[i], next = sigmas[i + 1];
        const double up = std::min(next, std::sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma)));
        const double down = std::sqrt(next * next - up * up);
        const at::Tensor derivative = (x - denoise(x, i)) / sigma;
        x = x + derivative * (down - sigma);
        if (next > 0) x = x + noise() * up;
        if (afterStep) x = afterStep(std::move(x), i + 1);
    }
    return x;
}

}  // namespace flashface::sampler
