#include "sampler/guidance.h"

#include "common/error.h"

#include <ATen/ATen.h>

#include <string>

namespace flashface::sampler {

GuidanceStep guidanceStep(const GuidanceSettings& settings, int t) {
    if (t > settings.launchStep) return {2, settings.lambdaBefore};
    return {settings.referenceScale > 0 ? 3 : 2, settings.lambda};
}

at::Tensor combineGuidance(const at::Tensor& predictions, const GuidanceStep& step, const GuidanceSettings& settings) {
    if (step.groups != 2 && step.groups != 3)
        throw InternalError("guidance combines 2 or 3 condition groups, got " + std::to_string(step.groups));
    if (predictions.dim() < 2 || predictions.size(0) % step.groups != 0)
        throw InternalError("the model returned " + std::to_string(predictions.size(0)) +
                             " rows, not a multiple of the " + std::to_string(step.groups) + " condition groups");
    const auto parts = predictions.to(at::kFloat).chunk(step.groups, 0);
    const at::Tensor& uncond = parts.back();
    // The text-conditioned prediction without reference guidance: the rescale target.
    const at::Tensor& text = step.groups == 3 ? parts[1] : parts[0];
    at::Tensor guided = uncond + settings.textScale * (text - uncond);
    if (step.groups == 3) guided = guided + settings.referenceScale * (parts[0] - text);

    if (settings.rescale > 0) {
        std::vector<std::int64_t> shape(static_cast<std::size_t>(guided.dim()), 1);
        shape[0] = guided.size(0);
        const auto ratio = text.flatten(1).std(1) / (guided.flatten(1).std(1) + 1e-12);
        guided = guided * (settings.rescale * ratio + (1.0f - settings.rescale)).view(shape);
    }
    return guided;
}

}  // namespace flashface::sampler
