#include "sampler/sampler.h"

#include "common/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <string>

namespace flashface {

SamplerLevels samplerLevels(SamplerKind kind, const NoiseSchedule& schedule, int steps) {
    SamplerLevels levels;
    if (kind == SamplerKind::Dpmpp2mKarras) {
        levels.sigmas = schedule.karrasSigmas(steps);
        for (std::size_t i = 0; i + 1 < levels.sigmas.size(); ++i)
            levels.timesteps.push_back(schedule.modelTimestepOfVe(levels.sigmas[i]));
        return levels;
    }
    // DDIM's own levels and timesteps, taken from its float32 list, so that Euler is DDIM.
    const std::vector<float> trailing = schedule.trailingSigmas(steps);
    for (std::size_t i = 0; i < trailing.size(); ++i) {
        levels.sigmas.push_back(veSigma(trailing[i]));
        if (i + 1 < trailing.size()) levels.timesteps.push_back(schedule.modelTimestep(trailing[i]));
    }
    return levels;
}

at::Tensor sample(SamplerKind kind, const at::Tensor& noise, const NoiseSchedule& schedule, int steps,
                  const GuidanceSettings& guidance, const NoisePredictor& predictNoise, const NoiseSource& stepNoise,
                  const SamplerCallback& onStep) {
    if (kind == SamplerKind::Ddim) return sampleDdim(noise, schedule, steps, guidance, predictNoise, onStep);
    if (kind == SamplerKind::EulerAncestral && !stepNoise)
        throw InvalidRequest("the Euler ancestral sampler needs a source of per-step noise");

    const SamplerLevels levels = samplerLevels(kind, schedule, steps);
    const int count = static_cast<int>(levels.timesteps.size());
    const Denoiser denoise = [&](const at::Tensor& x, std::size_t i) {
        const int t = levels.timesteps[i];
        const GuidanceStep step = guidanceStep(guidance, t);
        // The model reads the variance-preserving latent α·x with α = 1/√(1 + σ²) (k-diffusion's c_in).
        const at::Tensor scaled = x / std::sqrt(1.0 + levels.sigmas[i] * levels.sigmas[i]);
        const at::Tensor eps = combineGuidance(predictNoise(scaled.repeat({step.groups, 1, 1, 1}), t, step), step, guidance);
        const at::Tensor x0 = predictX0(scaled, eps, schedule, t);
        if (onStep) onStep({static_cast<int>(i), count, t, step, &x0});
        return x0;
    };
    // The noise is the variance-preserving latent at the first level, as for DDIM: x = noise/α.
    const at::Tensor x = noise.to(at::kFloat) * std::sqrt(1.0 + levels.sigmas.front() * levels.sigmas.front());
    switch (kind) {
    case SamplerKind::Euler: return sampleEuler(x, levels.sigmas, denoise);
    case SamplerKind::EulerAncestral: return sampleEulerAncestral(x, levels.sigmas, denoise, stepNoise);
    case SamplerKind::Dpmpp2m:
    case SamplerKind::Dpmpp2mKarras: return sampleDpmpp2m(x, levels.sigmas, denoise);
    case SamplerKind::Ddim: break;  // returned above
    }
    throw InvalidRequest("unknown sampler kind " + std::to_string(static_cast<int>(kind)));
}

}  // namespace flashface
