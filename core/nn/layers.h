#pragma once

#include "nn/module.h"

namespace flashface::nn {

// Layers with PyTorch's parameter names and semantics. Normalisations compute in float32
// whatever the input dtype (the original runs them outside autocast), then cast back.

class Linear : public Module {
public:
    Linear(std::int64_t in, std::int64_t out, bool bias = true);
    at::Tensor forward(const at::Tensor& x) const;

    at::Tensor weight, bias;
};

class Conv2d : public Module {
public:
    // `groups` > 1 splits the channels as PyTorch does (groups == in: depthwise).
    Conv2d(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride = 1,
           std::int64_t padding = 0, bool bias = true, std::int64_t groups = 1);
    at::Tensor forward(const at::Tensor& x) const;

    at::Tensor weight, bias;
    std::int64_t stride, padding, groups;
};

class GroupNorm : public Module {
public:
    GroupNorm(std::int64_t groups, std::int64_t channels, double eps);
    at::Tensor forward(const at::Tensor& x) const;

    at::Tensor weight, bias;
    std::int64_t groups;
    double eps;
};

class LayerNorm : public Module {
public:
    explicit LayerNorm(std::int64_t dim, double eps = 1e-5);
    at::Tensor forward(const at::Tensor& x) const;

    at::Tensor weight, bias;
    std::int64_t dim;
    double eps;
};

}  // namespace flashface::nn
