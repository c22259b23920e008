#pragma once

#include "sampler/ddim.h"
#include "sampler/k_samplers.h"
#include "sampler/sampler_kind.h"

namespace flashface::sampler {

// Img2img and face swap (SDEdit with blended latent diffusion): a picture to keep, the region
// to repaint and how much of the trajectory to run. Sampling starts at the step firstStepAt()
// picks, from the kept latent noised to that step's level with the run's noise (strength 1:
// from the noise alone, as without it); after every step the latent outside the region is
// replaced by the kept latent noised to the new level with the same noise (at the last, the
// kept latent itself).
struct LatentKeep {
    at::Tensor latent;      // [1 or n, C, h, w] float32: the picture to keep
    at::Tensor region;      // [1 or n, 1, h, w] float32 in [0, 1]: 1 repaints, 0 keeps
    double strength = 1.0;  // (0, 1]
};

// The index of the first step that runs at `strength`: the first of the sampler's model
// `timesteps` (decreasing) at or below strength·timestepCount, and at least the last step.
std::size_t firstStepAt(double strength, const std::vector<int>& timesteps, int timestepCount);

// Any sampler of SamplerKind with FlashFace's disentangled guidance. Every sampler calls the
// model as DDIM does: at the integer model timestep of its noise level (so the launch step and
// λ switching compare model timesteps), on the variance-preserving latent, with the condition
// groups of guidanceStep(), combined by combineGuidance() into ε and turned into the x0 estimate
// with the table's σ_t and α_t (predictX0). The k-diffusion samplers then step on that estimate.
//
// `noise` is the latent at the first noise level in the variance-preserving form DDIM takes
// (float32 [n, C, h, w]); the result is the final latent (float32). Euler ancestral draws its
// per-step noise from `stepNoise` (the other samplers never call it). `onStep` is called once
// per step with that step's x0 estimate; it may throw (e.g. Cancelled) to stop sampling. With
// `keep`, only the steps from firstStepAt() run (and count in `onStep`).
at::Tensor sample(SamplerKind kind, const at::Tensor& noise, const NoiseSchedule& schedule, int steps,
                  const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                  const NoiseSource& stepNoise = {}, const SamplerCallback& onStep = {},
                  const LatentKeep* keep = nullptr);

// The variance-exploding noise levels that the k-diffusion form of `kind` steps through (final 0
// included) and the model timestep of each step: DDIM's trailing levels for every sampler but
// DPM++ 2M Karras, which takes NoiseSchedule::karrasSigmas.
struct SamplerLevels {
    std::vector<double> sigmas;
    std::vector<int> timesteps;  // one per step: sigmas.size() − 1
};
SamplerLevels samplerLevels(SamplerKind kind, const NoiseSchedule& schedule, int steps);

}  // namespace flashface::sampler
