#pragma once

#include <ATen/core/Tensor.h>

namespace flashface {

// FlashFace's disentangled guidance: text guidance s from the start; reference guidance g only
// from the launch timestep T_L down, so that early (layout-defining) steps follow the prompt.
struct GuidanceSettings {
    float textScale = 7.5f;       // s
    float referenceScale = 3.2f;  // g
    float rescale = 0.5f;         // share of the std-matching rescale (arXiv 2305.08891)
    int launchStep = 750;         // T_L: reference guidance for model timesteps t <= T_L
    float lambda = 1.2f;          // reference feature strength once reference guidance runs
    float lambdaBefore = 0.85f;   // ... before it
};

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

}  // namespace flashface
