#include "nn/layers.h"

#include <ATen/ATen.h>

namespace flashface::nn {

namespace {

// Runs a normalisation in float32 and returns the input's dtype. libtorch's CPU kernels take
// bfloat16 input with float32 weights and compute in float32 themselves (the statistics and the
// affine map; only the output is rounded, as the cast back rounds it), without the two copies.
template <class F>
at::Tensor inFloat32(const at::Tensor& x, F&& f) {
    if (x.scalar_type() == at::kFloat || (x.is_cpu() && x.scalar_type() == at::kBFloat16)) return f(x);
    return f(x.to(at::kFloat)).to(x.scalar_type());
}

at::Tensor asFloat32(const at::Tensor& t) {
    return t.defined() ? t.to(at::kFloat) : t;
}

}  // namespace

Linear::Linear(std::int64_t in, std::int64_t out, bool hasBias) {
    registerParameter("weight", weight, {out, in});
    if (hasBias) registerParameter("bias", bias, {out});
}

at::Tensor Linear::forward(const at::Tensor& x) const {
    return at::linear(x, weight, bias);
}

Conv2d::Conv2d(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride_,
               std::int64_t padding_, bool hasBias, std::int64_t groups_)
    : stride(stride_), padding(padding_), groups(groups_) {
    registerParameter("weight", weight, {out, in / groups, kernel, kernel});
    if (hasBias) registerParameter("bias", bias, {out});
}

at::Tensor Conv2d::forward(const at::Tensor& x) const {
    return at::conv2d(x, weight, bias, {stride, stride}, {padding, padding}, {1, 1}, groups);
}

GroupNorm::GroupNorm(std::int64_t groups_, std::int64_t channels, double eps_)
    : groups(groups_), eps(eps_) {
    registerParameter("weight", weight, {channels});
    registerParameter("bias", bias, {channels});
}

at::Tensor GroupNorm::forward(const at::Tensor& x) const {
    return inFloat32(x, [&](const at::Tensor& xf) {
        return at::group_norm(xf, groups, asFloat32(weight), asFloat32(bias), eps);
    });
}

LayerNorm::LayerNorm(std::int64_t dim_, double eps_) : dim(dim_), eps(eps_) {
    registerParameter("weight", weight, {dim});
    registerParameter("bias", bias, {dim});
}

at::Tensor LayerNorm::forward(const at::Tensor& x) const {
    return inFloat32(x, [&](const at::Tensor& xf) {
        return at::layer_norm(xf, {dim}, asFloat32(weight), asFloat32(bias), eps);
    });
}

}  // namespace flashface::nn
