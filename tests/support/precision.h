#pragma once

// Bounds for results computed in a reduced precision (bfloat16 on the CPU, float16 on CUDA)
// against the fixtures' float32 outputs, derived from the type's precision and the depth of the
// network, for the measure of support/fixtures.h (precisionError: the relative RMS error, plus a
// looser bound on the largest error).
//
// Why this measure: the largest single error of a reduced-precision result depends on the order in
// which the kernels sum (AVX2 and AVX-512 kernels block their sums differently), so a bound on it
// alone is fragile; the RMS error over a whole tensor averages that out and moves little between
// kernels, while a wrong kernel, a lost conversion or an overflow still gives errors of order 1.
//
// Derivation: one rounding to a type with p significant bits is off by at most its unit roundoff
// u = 2^-p of the value: bfloat16 (p = 8) u = 2^-8 ≈ 3.9e-3, float16 (p = 11) u = 2^-11 ≈ 4.9e-4.
// A network rounds its weights and its activations once per layer; independent roundings add up
// like a random walk, so after L layers in series the relative RMS error is about u·√L times the
// layers' gain (how much a layer amplifies an error in its input; around 1 to 2 for normalised
// layers, somewhat more for the fixtures' random weights). The RMS bound allows a gain of 4:
// 4·u·√L. The largest error of a tensor of many values lies a few standard deviations out, and
// summation order moves it: it gets 4× the RMS bound, relative to max(1, max|expected|).
//
// Measured in bfloat16 on both fixture sets (CLIP text tower, autoencoder decoder): relative RMS
// error 2.0–3.9 u, largest error 2–4.3 u of the range, within 1 % of that with the AVX2 kernels
// (ATEN_CPU_CAPABILITY=avx2 for ATen's and ONEDNN_MAX_CPU_ISA=AVX2 for oneDNN's convolutions,
// which ATEN_CPU_CAPABILITY alone does not limit); the bounds are 11–25 u and 45–99 u there.

#include "checkpoint/checkpoint.h"
#include "support/fixtures.h"

#include <c10/core/ScalarType.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace flashface::test {

inline double unitRoundoff(at::ScalarType type) {
    switch (type) {
    case at::kBFloat16: return std::ldexp(1.0, -8);
    case at::kHalf: return std::ldexp(1.0, -11);
    case at::kFloat: return std::ldexp(1.0, -24);
    default: throw std::invalid_argument("unitRoundoff: not a floating-point type");
    }
}

struct PrecisionBound {
    double relRms;  // on ‖actual − expected‖₂ / ‖expected‖₂
    double relMax;  // on max|actual − expected| / max(1, max|expected|)
};

inline PrecisionBound reducedPrecisionBound(at::ScalarType type, std::int64_t layers) {
    const double rms = 4 * unitRoundoff(type) * std::sqrt(static_cast<double>(std::max<std::int64_t>(layers, 1)));
    return {rms, 4 * rms};
}

// The layers of a network for the bound above: its weight matrices and kernels (tensors of rank
// two or more) under any of `prefixes` in its checkpoint. Counting side branches (1×1 shortcuts,
// the q/k/v of one attention) as layers in series overestimates L, which only loosens the bound
// by its square root.
inline std::int64_t weightLayers(const checkpoint::Checkpoint& checkpoint, const std::vector<std::string>& prefixes) {
    std::int64_t layers = 0;
    for (const auto& prefix : prefixes)
        for (const auto& info : checkpoint.tensors(prefix)) layers += info.shape.size() >= 2;
    return layers;
}

// `actual`, computed in `type` by a network of `layers` layers, against the float32 `expected`:
// test::precisionError within reducedPrecisionBound(type, layers).
inline ::testing::AssertionResult closeInPrecisionOf(const at::Tensor& actual, const at::Tensor& expected,
                                                     at::ScalarType type, std::int64_t layers) {
    const PrecisionBound bound = reducedPrecisionBound(type, layers);
    auto result = closeInReducedPrecision(actual, expected, bound.relRms, bound.relMax);
    if (!result) result << " (" << c10::toString(type) << ", " << layers << " layers)";
    return result;
}

}  // namespace flashface::test
