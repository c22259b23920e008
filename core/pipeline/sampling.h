#pragma once

#include "pipeline/request.h"
#include "sampler/ddim.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace flashface {
namespace models {
class UNet;
class Autoencoder;
}  // namespace models

// Everything the denoising loop reads, already on the UNet's device; the latents and contexts
// in the UNet's dtype.
struct SamplingInputs {
    at::Tensor noise;        // [n, 4, h, w] float32: the initial latent
    at::Tensor refLatents;   // [R, 4, 28, 28]
    at::Tensor refContext;   // [R, 77, C]: the negative prompt's encoding, one row per reference
    at::Tensor positive;     // [n, 77, C]
    at::Tensor negative;     // [n, 77, C]
    at::Tensor mask;         // [n, h, w]
};

GuidanceSettings guidanceOf(const GenerationSettings& settings);

// The denoising loop of one generation (DDIM, trailing steps, disentangled guidance). Checks
// `cancel` before each of the two model passes of every step. Returns the final latent (float32).
at::Tensor sampleLatents(const models::UNet& unet, const SamplingInputs& inputs, int steps,
                         const GuidanceSettings& guidance, const CancelToken* cancel = nullptr,
                         const SamplerCallback& onStep = {});

// Standard normal [1, channels, h, w] float32 from a CPU generator seeded with `seed`: the same
// on every machine and device.
at::Tensor seededNoise(std::uint32_t seed, std::int64_t channels, std::int64_t h, std::int64_t w);

// Latents [n, 4, h, w] → images [n, 3, 8h, 8w] in [-1, 1] (float32, CPU), decoding `z / 0.18215`
// one image at a time (the decoder's activations are large).
at::Tensor decodeLatents(const models::Autoencoder& vae, const at::Tensor& latents, at::ScalarType dtype);

}  // namespace flashface
