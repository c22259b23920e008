#include "sampler/schedule.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace flashface::sampler {

namespace {

// log(σ/√(1−σ²)) in float32 (log of the "variance exploding" σ); +inf at σ = 1.
float logVeSigma(float sigma) {
    if (!(sigma < 1.0f)) return std::numeric_limits<float>::infinity();
    return std::log(std::sqrt(sigma * sigma / (1.0f - sigma * sigma)));
}

float vpFromLogVe(float logVe) {
    const float ve = std::exp(logVe);
    if (std::isinf(ve) || std::isnan(ve)) return 1.0f;
    return std::sqrt(ve * ve / (1.0f + ve * ve));
}

}  // namespace

double veSigma(double vpSigma) {
    if (!(vpSigma < 1.0)) return std::numeric_limits<double>::infinity();
    return vpSigma / std::sqrt(1.0 - vpSigma * vpSigma);
}

NoiseSchedule::NoiseSchedule(std::vector<double> sigmas) : sigmas_(std::move(sigmas)) {
    logRatios_.reserve(sigmas_.size());
    for (const double s : sigmas_) {
        const double logVe = s < 1.0 ? std::log(std::sqrt(s * s / (1.0 - s * s)))
                                     : std::numeric_limits<double>::infinity();
        logRatios_.push_back(static_cast<float>(logVe));
    }
}

NoiseSchedule NoiseSchedule::scaledLinear(int timesteps, double betaMin, double betaMax) {
    if (timesteps < 2) throw InternalError("a noise schedule needs at least 2 timesteps, got " + std::to_string(timesteps));
    const double lo = std::sqrt(betaMin), hi = std::sqrt(betaMax);
    std::vector<double> sigmas(static_cast<std::size_t>(timesteps));
    double alphaBar = 1.0;
    for (int i = 0; i < timesteps; ++i) {
        // linspace as torch computes it in float64: from the start for the first half, from
        // the end for the second, so that both ends are exact.
        const double step = (hi - lo) / (timesteps - 1);
        const double root = i < timesteps / 2 ? lo + step * i : hi - step * (timesteps - 1 - i);
        alphaBar *= 1.0 - root * root;
        sigmas[static_cast<std::size_t>(i)] = std::sqrt(1.0 - alphaBar);
    }
    return NoiseSchedule(std::move(sigmas));
}

double NoiseSchedule::sigma(int t) const {
    return sigmas_.at(static_cast<std::size_t>(t));
}

double NoiseSchedule::alpha(int t) const {
    const double s = sigma(t);
    return std::sqrt(1.0 - s * s);
}

float NoiseSchedule::sigmaAt(float t) const {
    const float last = static_cast<float>(timesteps() - 1);
    t = std::clamp(t, 0.0f, last);
    const auto i = static_cast<std::size_t>(std::floor(t));
    const auto j = static_cast<std::size_t>(std::ceil(t));
    const float w = t - std::trunc(t);
    return vpFromLogVe((1.0f - w) * logRatios_[i] + w * logRatios_[j]);
}

float NoiseSchedule::timestepOf(float sigma) const {
    if (sigma == 1.0f) return static_cast<float>(timesteps() - 1);
    return timestepOfLogVe(logVeSigma(sigma));
}

float NoiseSchedule::timestepOfLogVe(float target) const {
    // The table increases with t: take the last entry at or below the target.
    int i = 0;
    for (int k = 0; k < timesteps(); ++k)
        if (target - logRatios_[static_cast<std::size_t>(k)] >= 0.0f) i = k;
    i = std::min(i, timesteps() - 2);
    const float lo = logRatios_[static_cast<std::size_t>(i)], hi = logRatios_[static_cast<std::size_t>(i + 1)];
    const float w = std::clamp((lo - target) / (lo - hi), 0.0f, 1.0f);
    return (1.0f - w) * static_cast<float>(i) + w * static_cast<float>(i + 1);
}

int NoiseSchedule::modelTimestep(float sigma) const {
    return static_cast<int>(std::nearbyint(timestepOf(sigma)));  // default rounding: half to even
}

int NoiseSchedule::modelTimestepOfVe(double sigma) const {
    return static_cast<int>(std::nearbyint(timestepOfLogVe(static_cast<float>(std::log(sigma)))));
}

std::vector<float> NoiseSchedule::trailingSigmas(int steps) const {
    if (steps < 1) throw InternalError("the number of sampling steps must be at least 1, got " + std::to_string(steps));
    const double last = timesteps() - 1;
    const double stride = static_cast<double>(timesteps()) / steps;
    std::vector<float> out;
    // arange(last, -1, -stride): the count is ceil((−1 − last)/−stride); each value is computed
    // in float64 and stored as float32.
    const auto count = static_cast<int>(std::ceil((last + 1.0) / stride));
    for (int k = 0; k < count; ++k) {
        const auto t = static_cast<float>(std::clamp(last - stride * k, 0.0, last));
        out.push_back(sigmaAt(t));
    }
    out.push_back(0.0f);
    return out;
}

std::vector<double> NoiseSchedule::karrasSigmas(int steps, double rho) const {
    if (steps < 1) throw InternalError("the number of sampling steps must be at least 1, got " + std::to_string(steps));
    const double maxRoot = std::pow(veSigma(sigmas_.back()), 1.0 / rho);
    const double minRoot = std::pow(veSigma(sigmas_.front()), 1.0 / rho);
    std::vector<double> out;
    for (int k = 0; k < steps; ++k) {
        const double ramp = steps == 1 ? 0.0 : static_cast<double>(k) / (steps - 1);
        out.push_back(std::pow(maxRoot + ramp * (minRoot - maxRoot), rho));
    }
    out.push_back(0.0);
    return out;
}

}  // namespace flashface::sampler
