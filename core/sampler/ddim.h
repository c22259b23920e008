#pragma once

#include "sampler/guidance.h"
#include "sampler/latent_hook.h"
#include "sampler/schedule.h"

#include <ATen/core/Tensor.h>

#include <functional>

namespace flashface::sampler {

// Predicts the noise ε for `x` ([groups·n, C, h, w]: the n latents repeated once per condition
// group) at integer model timestep `t`, computing the condition groups that `step` describes.
using NoisePredictor = std::function<at::Tensor(const at::Tensor& x, int t, const GuidanceStep& step)>;

struct SamplerStep {
    int index = 0;  // 0-based
    int count = 0;
    int timestep = 0;
    GuidanceStep guidance;
    const at::Tensor* x0 = nullptr;  // this step's estimate of the clean latent [n, C, h, w]
};
// Called after every step; may throw (e.g. Cancelled) to stop sampling.
using SamplerCallback = std::function<void(const SamplerStep&)>;

// The clean-latent estimate from a noise prediction at integer timestep t, with the table's
// σ_t and α_t: x0 = (x − σ_t·ε)/α_t.
at::Tensor predictX0(const at::Tensor& x, const at::Tensor& eps, const NoiseSchedule& schedule, int t);

// One deterministic DDIM move from noise level σ to σ_next given the x0 estimate.
at::Tensor ddimStep(const at::Tensor& x, const at::Tensor& x0, double sigma, double sigmaNext);

// DDIM (η = 0) over the trailing schedule of `steps` steps with disentangled guidance, from the
// initial noise (float32 [n, C, h, w]); returns the final latent (float32).
at::Tensor sampleDdim(const at::Tensor& noise, const NoiseSchedule& schedule, int steps,
                      const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                      const SamplerCallback& onStep = {});

// The same over any decreasing variance-preserving levels (a final 0 included), from the latent
// `start` at the first level; `afterStep` sees each new latent.
at::Tensor sampleDdimOver(const at::Tensor& start, const NoiseSchedule& schedule, const std::vector<float>& sigmas,
                          const GuidanceSettings& guidance, const NoisePredictor& predictNoise,
                          const SamplerCallback& onStep = {}, const LatentHook& afterStep = {});

}  // namespace flashface::sampler
