#include "nn/module.h"

#include <ATen/ATen.h>

namespace flashface::nn {

void Module::registerParameter(std::string name, at::Tensor& slot, std::vector<std::int64_t> shape) {
    params_.push_back({std::move(name), &slot, std::move(shape)});
}

void Module::registerModule(std::string name, Module& child) {
    children_.emplace_back(std::move(name), &child);
}

std::vector<Module::ParameterRef> Module::parameters(const std::string& prefix) {
    std::vector<ParameterRef> out;
    collect(prefix, channelsLast_, out);
    return out;
}

void Module::collect(const std::string& prefix, bool channelsLast, std::vector<ParameterRef>& out) {
    channelsLast = channelsLast || channelsLast_;
    for (auto& p : params_) out.push_back({prefix + p.name, p.slot, p.shape, channelsLast});
    for (auto& [name, child] : children_) child->collect(prefix + name + ".", channelsLast, out);
}

void Module::to(at::ScalarType dtype, c10::Device device) {
    for (auto& ref : parameters()) {
        at::Tensor& t = *ref.tensor;
        if (!t.defined()) continue;
        t = inLayoutOf(ref, t.is_floating_point() ? t.to(device, dtype) : t.to(device));
    }
}

at::Tensor inLayoutOf(const Module::ParameterRef& ref, const at::Tensor& t) {
    return ref.channelsLast ? inConvolutionLayout(t) : t;
}

at::Tensor inConvolutionLayout(const at::Tensor& t) {
    if (t.dim() != 4 || !t.is_floating_point()) return t;
    return t.contiguous(at::MemoryFormat::ChannelsLast);
}

}  // namespace flashface::nn
