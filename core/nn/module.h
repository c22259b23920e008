#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace flashface::nn {

// A node of a model's module tree. The tree mirrors the checkpoint's key names 1:1:
// a parameter registered as "weight" in a child registered as "0" of a module registered as
// "layer1" is the checkpoint key "layer1.0.weight". Parameters start undefined and are
// filled by loadState(); forward code lives in the subclasses.
class Module {
public:
    struct ParameterRef {
        std::string name;                 // full dotted key
        at::Tensor* tensor;               // the slot in the owning module
        std::vector<std::int64_t> shape;  // the shape the architecture requires
        bool channelsLast = false;        // kept in inConvolutionLayout (computeChannelsLast)
    };

    Module() = default;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;
    virtual ~Module() = default;

    // Every parameter of this subtree, in registration order, named `prefix` + path.
    std::vector<ParameterRef> parameters(const std::string& prefix = "");

    // Converts every defined parameter (floating point ones only change dtype), the channels-last
    // ones into inConvolutionLayout.
    void to(at::ScalarType dtype, c10::Device device);

    // This subtree computes on channels-last activations: its parameters are loaded, randomised and
    // converted in inConvolutionLayout. Others keep the checkpoint's layout, and so compute
    // exactly as the original (its kernels in another layout sum in another order).
    void computeChannelsLast() { channelsLast_ = true; }

    void registerParameter(std::string name, at::Tensor& slot, std::vector<std::int64_t> shape);
    // A child that is a data member of the subclass.
    void registerModule(std::string name, Module& child);

    // A child owned by this module (for lists and containers such as "layer1.0").
    template <class M, class... Args>
    M& addModule(std::string name, Args&&... args) {
        auto child = std::make_unique<M>(std::forward<Args>(args)...);
        M& ref = *child;
        owned_.push_back(std::move(child));
        registerModule(std::move(name), ref);
        return ref;
    }

private:
    void collect(const std::string& prefix, bool channelsLast, std::vector<ParameterRef>& out);

    struct Param {
        std::string name;
        at::Tensor* slot;
        std::vector<std::int64_t> shape;
    };
    std::vector<Param> params_;
    std::vector<std::pair<std::string, Module*>> children_;
    std::vector<std::unique_ptr<Module>> owned_;
    bool channelsLast_ = false;
};

// A floating-point tensor of rank 4 (a convolution's kernel, a batch of images or latents)
// channels-last, anything else as it is. oneDNN's (CPU) and cuDNN's convolutions are fastest with
// channels-last inputs (measured on libtorch 2.11: 1.1–1.2× in float32, 2–3.5× in bfloat16 on
// AVX-512), and a kernel in the other layout is copied at every call.
at::Tensor inConvolutionLayout(const at::Tensor& t);

// A value `t` for the parameter `ref` in the layout its module computes with (computeChannelsLast).
at::Tensor inLayoutOf(const Module::ParameterRef& ref, const at::Tensor& t);

}  // namespace flashface::nn
