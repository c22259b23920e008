#pragma once

#include "sampler/latent_hook.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <functional>
#include <vector>

// The k-diffusion samplers (Karras et al. 2022; github.com/crowsonkb/k-diffusion, sampling.py),
// written as k-diffusion writes them: x is the "variance exploding" latent x0 + σ·ε, `sigmas`
// the decreasing noise levels σ_0 > ... > σ_{n−1} > 0 followed by a final 0, and the model a
// denoiser that estimates x0.
namespace flashface::sampler {

// The clean-latent estimate D(x, σ_i) at noise level sigmas[i].
using Denoiser = std::function<at::Tensor(const at::Tensor& x, std::size_t i)>;
// Standard normal noise shaped like the latent, drawn anew at every call.
using NoiseSource = std::function<at::Tensor()>;

// sample_euler (no churn): x ← x + (σ_{i+1} − σ_i)·(x − D)/σ_i. Over the same levels and with
// the same denoiser this is exactly DDIM (η = 0).
at::Tensor sampleEuler(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                       const LatentHook& afterStep = {});

// sample_euler_ancestral with η = 1: an Euler step down to σ_down, then fresh noise of
// strength σ_up, where σ_up² = σ_{i+1}²(σ_i² − σ_{i+1}²)/σ_i² and σ_down² = σ_{i+1}² − σ_up²;
// no noise on the last step.
at::Tensor sampleEulerAncestral(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                                const NoiseSource& noise, const LatentHook& afterStep = {});

// sample_dpmpp_2m (DPM-Solver++(2M), Lu et al. 2022): the second-order multistep update in
// log σ from the last two x0 estimates; first order on the first and the last step.
at::Tensor sampleDpmpp2m(at::Tensor x, const std::vector<double>& sigmas, const Denoiser& denoise,
                         const LatentHook& afterStep = {});

}  // namespace flashface::sampler
