#include "sampler/ddim.h"

#include <ATen/ATen.h>

#include <cmath>

namespace flashface::sampler {

at::Tensor predictX0(const at::Tensor& x, const at::Tensor& eps, const NoiseSchedule& schedule, int t) {
    // The original indexes float64 tables and casts the values to float32.
    const auto sigma = static_cast<float>(schedule.sigma(t));
    const auto alpha = static_cast<float>(schedule.alpha(t));
    return (x - sigma * eps) / alpha;
}

at::Tensor ddimStep(const at::Tensor& x, const at::Tensor& x0, double sigma, double sigmaNext) {
    const double signal = std::sqrt(1.0 - sigma * sigma);
    const double signalNext = std::sqrt(1.0 - sigmaNext * sigmaNext);
    const at::Tensor direction = (x - signal * x0) / sigma;
    return signalNext * x0 + sigmaNext * direction;
}

at::Tensor sampleDdim(const at::Tensor& noise, const NoiseSchedule& schedule, int steps,
                      const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                      const SamplerCallback& onStep) {
    return sampleDdimOver(noise, schedule, schedule.trailingSigmas(steps), guidance, predictNoise, onStep);
}

at::Tensor sampleDdimOver(const at::Tensor& start, const NoiseSchedule& schedule, const std::vector<float>& sigmas,
                          const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                          const SamplerCallback& onStep, const LatentHook& afterStep) {
    at::Tensor x = start.to(at::kFloat);
    const int count = static_cast<int>(sigmas.size()) - 1;
    for (int i = 0; i < count; ++i) {
        const auto level = static_cast<std::size_t>(i);
        const int t = schedule.modelTimestep(sigmas[level]);
        const GuidanceStep step = guidanceStep(guidance, t);
        const at::Tensor batch = x.repeat({step.groups, 1, 1, 1});
        const at::Tensor eps = combineGuidance(predictNoise(batch, t, step), step, guidance);
        const at::Tensor x0 = predictX0(x, eps, schedule, t);
        x = ddimStep(x, x0, sigmas[level], sigmas[level + 1]);
        if (afterStep) x = afterStep(std::move(x), level + 1);
        if (onStep) onStep({i, count, t, step, &x0});
    }
    return x;
}

}  // namespace flashface::sampler
