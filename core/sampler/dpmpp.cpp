#include "sampler/k_samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace flashface::sampler {

at::Tensor sampleDpmpp2m(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                         const LatentHook& afterStep) {
    at::Tensor previous;  // the last step's x0 estimate
    for (std::size_t i = 0; i + 1 < sigmas.size(); ++i) {
        const double sigma = sigmas[i], next = sigmas[i + 1];
        const at::Tensor denoised = denoise(x, i);
        // k-diffusion writes the step with t = −log σ and h = t_{i+1} − t_i: e^{−h} = σ_{i+1}/σ_i
        // stays finite at σ_{i+1} = 0, where the step lands on the estimate itself.
        const double ratio = next / sigma;
        at::Tensor estimate = denoised;
        if (previous.defined() && next > 0) {
            const double h = std::log(sigma / next), hLast = std::log(sigmas[i - 1] / sigma);
            const double half = 1.0 / (2.0 * (hLast / h));  // 1/(2r)
            estimate = (1.0 + half) * denoised - half * previous;
        }
        x = ratio * x + (1.0 - ratio) * estimate;
        if (afterStep) x = afterStep(std::move(x), i + 1);
        previous = denoised;
    }
    return x;
}

}  // namespace flashface::sampler
