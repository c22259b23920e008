#include "pipeline/sampling.h"

#include "common/error.h"
#include "models/autoencoder.h"
#include "models/unet.h"
#include "pipeline/references.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace flashface {

namespace {

void checkCancel(const CancelToken* cancel) {
    if (cancel && cancel->isCancelled()) throw Cancelled();
}

}  // namespace

GuidanceSettings guidanceOf(const GenerationSettings& s) {
    GuidanceSettings g;
    g.textScale = s.textGuidance;
    g.referenceScale = s.referenceGuidance;
    g.rescale = s.guideRescale;
    g.launchStep = s.launchStep;
    g.lambda = s.lambda;
    g.lambdaBefore = s.lambdaBefore;
    return g;
}

at::Tensor sampleLatents(const models::UNet& unet, const SamplingInputs& in, int steps,
                         const GuidanceSettings& guidance, const CancelToken* cancel, const SamplerCallback& onStep) {
    const at::ScalarType dtype = in.positive.scalar_type();
    const at::Tensor contexts2 = at::cat({in.positive, in.negative});
    const at::Tensor contexts3 = at::cat({in.positive, in.positive, in.negative});
    const auto predict = [&](const at::Tensor& x, int t, const GuidanceStep& step) {
        checkCancel(cancel);
        const models::ReferenceFeatures features = unet.referenceFeatures(in.refLatents, t, in.refContext);
        checkCancel(cancel);
        return unet.denoise(x.to(dtype), t, step.groups == 3 ? contexts3 : contexts2, in.mask, features, step.lambda,
                            step.groups);
    };
    static const NoiseSchedule schedule = NoiseSchedule::scaledLinear();
    return sampleDdim(in.noise, schedule, steps, guidance, predict, onStep);
}

at::Tensor seededNoise(std::uint32_t seed, std::int64_t channels, std::int64_t h, std::int64_t w) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    return at::randn({1, channels, h, w}, generator, at::TensorOptions().dtype(at::kFloat));
}

at::Tensor decodeLatents(const models::Autoencoder& vae, const at::Tensor& latents, at::ScalarType dtype) {
    std::vector<at::Tensor> images;
    for (const auto& z : latents.split(1)) images.push_back(vae.decode((z / kLatentScale).to(dtype)).to(at::kCPU, at::kFloat));
    return at::cat(images);
}

}  // namespace flashface
