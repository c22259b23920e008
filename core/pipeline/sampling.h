#pragma once

#include "pipeline/request.h"
#include "sampler/sampler.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace flashface::models {
class UNet;
class Autoencoder;
struct ReferenceFeatures;
}  // namespace flashface::models

namespace flashface::pipeline {

// The reference pass's features for a model timestep, e.g. from a ReferenceFeatureCache.
using ReferenceFeatureProvider = std::function<models::ReferenceFeatures(std::int64_t timestep)>;

// Everything the denoising loop reads, already on the UNet's device; the latents and contexts
// in the UNet's dtype.
struct SamplingInputs {
    at::Tensor noise;        // [n, 4, h, w] float32: the initial latent
    at::Tensor refLatents;   // [R, 4, 28, 28]
    at::Tensor refContext;   // [R, 77, C]: the negative prompt's encoding, one row per reference
    at::Tensor positive;     // [n, 77, C]
    at::Tensor negative;     // [n, 77, C]
    at::Tensor mask;         // [n, h, w]
    std::vector<double> refWeights;  // one per reference row (identity mixing); empty: all 1
    // Where the reference features come from; unset: the UNet's reference pass at every model call.
    ReferenceFeatureProvider referenceFeatures;
    sampler::SamplerKind sampler = sampler::SamplerKind::Ddim;
    std::uint32_t seed = 0;  // of the first image: the per-step noise of Euler ancestral (stepNoise)
    std::optional<sampler::LatentKeep> keep;  // face swap / img2img: the target photo's latent and region
};

// The denoising loop of one generation (inputs.sampler, disentangled guidance). Checks `cancel`
// before each of the two model passes of every step. Returns the final latent (float32).
at::Tensor sampleLatents(const models::UNet& unet, const SamplingInputs& inputs, int steps,
                         const sampler::GuidanceSettings& guidance, const CancelToken* cancel = nullptr,
                         const sampler::SamplerCallback& onStep = {});

// The condition groups of every step sampleLatents runs for these inputs (their sampler and
// img2img start), in order: what each step costs depends on them (pipeline/time_left.h).
std::vector<int> stepGroups(const SamplingInputs& inputs, int steps, const sampler::GuidanceSettings& guidance);

// Standard normal [1, channels, h, w] float32 from a CPU generator seeded with `seed`: the same
// on every machine and device.
at::Tensor seededNoise(std::uint32_t seed, std::int64_t channels, std::int64_t h, std::int64_t w);

// The per-step noise of Euler ancestral for `images` images from `seed` on: standard normal
// [images, channels, h, w] float32 on `device`, each row from the CPU generator of that image's
// seed (seed + i), continuing after the draw of its initial noise (seededNoise). The same on every
// machine and device, and image i's noise is that of the first image of a run with seed + i.
sampler::NoiseSource stepNoise(std::uint32_t seed, std::int64_t images, std::int64_t channels, std::int64_t h, std::int64_t w,
                      at::Device device);

// Images [B, 3, H, W] in [-1, 1] on the autoencoder's device and dtype (reference faces, a
// target photo) → latents [B, 4, H/8, W/8]: the autoencoder's mean times the latent scale.
at::Tensor encodeLatents(const models::Autoencoder& vae, const at::Tensor& images);

// Latents [n, 4, h, w] → images [n, 3, 8h, 8w] in [-1, 1] (float32, CPU), decoding `z / 0.18215`
// one image at a time (the decoder's activations are large).
at::Tensor decodeLatents(const models::Autoencoder& vae, const at::Tensor& latents, at::ScalarType dtype);

}  // namespace flashface::pipeline
