#include "sampler/sampler.h"

#include "common/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <string>

namespace flashface::sampler {

namespace {

// The kept latent noised to a level with the run's noise: signal·z + noiseScale·ε (√(1−σ²) and
// σ in the variance-preserving form, 1 and σ in the variance-exploding one).
at::Tensor keptAt(const LatentKeep& keep, const at::Tensor& noise, double signal, double noiseScale) {
    return keep.latent * signal + noise * noiseScale;
}

// x inside the region, the kept latent outside; a region value of exactly 1 or 0 gives either
// side unchanged.
at::Tensor blend(const at::Tensor& x, const at::Tensor& kept, const at::Tensor& region) {
    return x * region + kept * (1.0 - region);
}

template <class T>
std::vector<T> fromIndex(const std::vector<T>& values, std::size_t first) {
    return {values.begin() + static_cast<std::ptrdiff_t>(first), values.end()};
}

}  // namespace

std::size_t firstStepAt(double strength, const std::vector<int>& timesteps, int timestepCount) {
    const double limit = strength * timestepCount;
    for (std::size_t i = 0; i < timesteps.size(); ++i)
        if (timesteps[i] <= limit) return i;
    return timesteps.empty() ? 0 : timesteps.size() - 1;
}

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
                  const SamplerCallback& onStep, const LatentKeep* keep) {
    if (kind == SamplerKind::EulerAncestral && !stepNoise)
        throw InternalError("the Euler ancestral sampler needs a source of per-step noise");
    const at::Tensor eps = noise.to(at::kFloat);
    const SamplerLevels all = samplerLevels(kind, schedule, steps);
    const std::size_t first = keep ? firstStepAt(keep->strength, all.timesteps, schedule.timesteps()) : 0;
    const bool fromNoise = !keep || keep->strength >= 1.0;

    if (kind == SamplerKind::Ddim) {
        const std::vector<float> sigmas = fromIndex(schedule.trailingSigmas(steps), first);
        const auto keptAtLevel = [&](std::size_t level) {
            const double sigma = sigmas[level];
            return keptAt(*keep, eps, std::sqrt(1.0 - sigma * sigma), sigma);
        };
        LatentHook putBack;
        if (keep) putBack = [&](at::Tensor x, std::size_t level) { return blend(x, keptAtLevel(level), keep->region); };
        return sampleDdimOver(fromNoise ? eps : keptAtLevel(0), schedule, sigmas, guidance, predictNoise, onStep, putBack);
    }

    const SamplerLevels levels{fromIndex(all.sigmas, first), fromIndex(all.timesteps, first)};
    const int count = static_cast<int>(levels.timesteps.size());
    const Denoiser denoise = [&](const at::Tensor& x, std::size_t i) {
        const int t = levels.timesteps[i];
        const GuidanceStep step = guidanceStep(guidance, t);
        // The model reads the variance-preserving latent α·x with α = 1/√(1 + σ²) (k-diffusion's c_in).
        const at::Tensor scaled = x / std::sqrt(1.0 + levels.sigmas[i] * levels.sigmas[i]);
        const at::Tensor prediction = combineGuidance(predictNoise(scaled.repeat({step.groups, 1, 1, 1}), t, step), step, guidance);
        const at::Tensor x0 = predictX0(scaled, prediction, schedule, t);
        if (onStep) onStep({static_cast<int>(i), count, t, step, &x0});
        return x0;
    };
    LatentHook putBack;
    if (keep)
        putBack = [&](at::Tensor x, std::size_t level) {
            return blend(x, keptAt(*keep, eps, 1.0, levels.sigmas[level]), keep->region);
        };
    // The noise is the variance-preserving latent at the first level, as for DDIM: x = noise/α.
    const double sigma0 = levels.sigmas.front();
    const at::Tensor x = fromNoise ? eps * std::sqrt(1.0 + sigma0 * sigma0) : keptAt(*keep, eps, 1.0, sigma0);
    switch (kind) {
    case SamplerKind::Euler: return sampleEuler(x, levels.sigmas, denoise, putBack);
    case SamplerKind::EulerAncestral: return sampleEulerAncestral(x, levels.sigmas, denoise, stepNoise, putBack);
    case SamplerKind::Dpmpp2m:
    case SamplerKind::Dpmpp2mKarras: return sampleDpmpp2m(x, levels.sigmas, denoise, putBack);
    case SamplerKind::Ddim: break;  // returned above
    }
    throw InternalError("unknown sampler kind " + std::to_string(static_cast<int>(kind)));
}

}  // namespace flashface::sampler
