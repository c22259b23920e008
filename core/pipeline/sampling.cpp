#include "pipeline/sampling.h"

#include "common/error.h"
#include "models/autoencoder.h"
#include "models/unet.h"
#include "pipeline/references.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace flashface::pipeline {

namespace {

// How many images the autoencoder encodes at once (bounds the activations' memory; the result
// does not depend on it).
constexpr std::int64_t kEncodeBatch = 4;

const sampler::NoiseSchedule& samplingSchedule() {
    static const sampler::NoiseSchedule schedule = sampler::NoiseSchedule::scaledLinear();
    return schedule;
}

}  // namespace

at::Tensor sampleLatents(const models::UNet& unet, const SamplingInputs& in, int steps,
                         const sampler::GuidanceSettings& guidance, const CancelToken* cancel, const sampler::SamplerCallback& onStep) {
    const at::ScalarType dtype = in.positive.scalar_type();
    // The text contexts of the passes by condition groups (sampler/guidance.h: GuidanceStep).
    const at::Tensor twoGroupContext = at::cat({in.positive, in.negative});
    const at::Tensor threeGroupContext = at::cat({in.positive, in.positive, in.negative});
    const auto predict = [&](const at::Tensor& x, int t, const sampler::GuidanceStep& step) {
        throwIfCancelled(cancel);
        models::ReferenceFeatures features =
            in.referenceFeatures ? in.referenceFeatures(t) : unet.referenceFeatures(in.refLatents, t, in.refContext);
        features.referenceWeights = in.refWeights;
        throwIfCancelled(cancel);
        const at::Tensor& context = step.groups == 3 ? threeGroupContext : twoGroupContext;
        return unet.denoise(x.to(dtype), t, context, in.mask, features, step.lambda, step.groups);
    };
    const sampler::NoiseSchedule& schedule = samplingSchedule();
    const auto& shape = in.noise.sizes();
    const sampler::NoiseSource noise =
        in.sampler == sampler::SamplerKind::EulerAncestral
            ? stepNoise(in.seed, shape[0], shape[1], shape[2], shape[3], in.noise.device())
            : sampler::NoiseSource{};
    return sampler::sample(in.sampler, in.noise, schedule, steps, guidance, predict, noise, onStep, in.keep ? &*in.keep : nullptr);
}

std::vector<int> stepGroups(const SamplingInputs& in, int steps, const sampler::GuidanceSettings& guidance) {
    const sampler::NoiseSchedule& schedule = samplingSchedule();
    const auto timesteps = sampler::samplerLevels(in.sampler, schedule, steps).timesteps;
    const std::size_t first = in.keep ? sampler::firstStepAt(in.keep->strength, timesteps, schedule.timesteps()) : 0;
    std::vector<int> groups;
    for (std::size_t i = first; i < timesteps.size(); ++i) groups.push_back(sampler::guidanceStep(guidance, timesteps[i]).groups);
    return groups;
}

at::Tensor seededNoise(std::uint32_t seed, std::int64_t channels, std::int64_t h, std::int64_t w) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    return at::randn({1, channels, h, w}, generator, at::TensorOptions().dtype(at::kFloat));
}

sampler::NoiseSource stepNoise(std::uint32_t seed, std::int64_t images, std::int64_t channels, std::int64_t h, std::int64_t w,
                      at::Device device) {
    // libtorch's CPU generator keeps only the low 32 bits of a seed: no other seed derived from
    // the image's is sure to give a fresh stream, so its own stream continues past the initial noise.
    auto generators = std::make_shared<std::vector<at::Generator>>();
    for (std::int64_t i = 0; i < images; ++i) {
        const std::uint32_t imageSeed = seed + static_cast<std::uint32_t>(i);  // wraps like settingsForImage
        auto generator = at::make_generator<at::CPUGeneratorImpl>(imageSeed);
        at::randn({1, channels, h, w}, generator, at::TensorOptions().dtype(at::kFloat));  // seededNoise's draw
        generators->push_back(std::move(generator));
    }
    return [generators, channels, h, w, device] {
        std::vector<at::Tensor> rows;
        for (at::Generator& generator : *generators)
            rows.push_back(at::randn({1, channels, h, w}, generator, at::TensorOptions().dtype(at::kFloat)));
        return at::cat(rows).to(device);
    };
}

at::Tensor encodeLatents(const models::Autoencoder& vae, const at::Tensor& images) {
    std::vector<at::Tensor> latents;
    for (const auto& chunk : images.split(kEncodeBatch)) latents.push_back(vae.encode(chunk).mu);
    return at::cat(latents) * kLatentScale;
}

at::Tensor decodeLatents(const models::Autoencoder& vae, const at::Tensor& latents, at::ScalarType dtype) {
    std::vector<at::Tensor> images;
    for (const auto& z : latents.split(1)) images.push_back(vae.decode((z / kLatentScale).to(dtype)).to(at::kCPU, at::kFloat));
    return at::cat(images);
}

}  // namespace flashface::pipeline
