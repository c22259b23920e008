#pragma once

#include "sampler/ddim.h"
#include "sampler/k_samplers.h"
#include "sampler/sampler_kind.h"

namespace flashface {

// Any sampler of SamplerKind with FlashFace's disentangled guidance. Every sampler calls the
// model as DDIM does: at the integer model timestep of its noise level (so the launch step and
// λ switching compare model timesteps), on the variance-preserving latent, with the condition
// groups of guidanceStep(), combined by combineGuidance() into ε and turned into the x0 estimate
// with the table's σ_t and α_t (predictX0). The k-diffusion samplers then step on that estimate.
//
// `noise` is the latent at the first noise level in the variance-preserving form DDIM takes
// (float32 [n, C, h, w]); the result is the final latent (float32). Euler ancestral draws its
// per-step noise from `stepNoise` (the other samplers never call it). `onStep` is called once
// per step with that step's x0 estimate; it may throw (e.g. Cancelled) to stop sampling.
at::Tensor sample(SamplerKind kind, const at::Tensor& noise, const NoiseSchedule& schedule, int steps,
                  const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                  const NoiseSource& stepNoise = {}, const SamplerCallback& onStep = {});

// The variance-exploding noise levels that the k-diffusion form of `kind` steps through (final 0
// included) and the model timestep of each step: DDIM's trailing levels for every sampler but
// DPM++ 2M Karras, which takes NoiseSchedule::karrasSigmas.
struct SamplerLevels {
    std::vector<double> sigmas;
    std::vector<int> timesteps;  // one per step: sigmas.size() − 1
};
SamplerLevels samplerLevels(SamplerKind kind, const NoiseSchedule& schedule, int steps);

}  // namespace flashface
