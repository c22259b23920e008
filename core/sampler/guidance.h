#pragma once

#include "sampler/guidance_settings.h"

#include <ATen/core/Tensor.h>

namespace flashface::sampler {

// The model evaluations of one step: `groups` condition groups of the n samples, stacked group
// after group along the batch.
//   groups == 2: [text-conditioned, unconditioned], both with reference strength `lambda`;
//   groups == 3: [text-conditioned with `lambda`, text-conditioned with 0, unconditioned with 0].
struct GuidanceStep {
    int groups = 2;
    float lambda = 0;
};

// What the model must compute at model timestep `t`. Reference guidance needs the third group
// only when it has any weight (g > 0), as in the original.
GuidanceStep guidanceStep(const GuidanceSettings& settings, int t);

// Combines the model's [groups·n, ...] noise predictions into the guided prediction [n, ...]
// (float32): ε = u + s·(c₀ − u) [+ g·(c_λ − c₀)], then rescaled towards the standard deviation
// of the text-conditioned prediction without reference guidance.
at::Tensor combineGuidance(const at::Tensor& predictions, const GuidanceStep& step, const GuidanceSettings& settings);

}  // namespace flashface::sampler
