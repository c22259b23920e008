#pragma once

#include <vector>

namespace flashface::sampler {

// The noise level of the "variance exploding" form x/α = x0 + (σ/α)·ε, in which k-diffusion's
// samplers step: σ/√(1−σ²) of a variance-preserving σ (+inf at 1).
double veSigma(double vpSigma);

// The variance-preserving noise schedule: x_t = α_t·x0 + σ_t·ε with α_t² + σ_t² = 1, for the
// integer training timesteps 0..n−1, and the conversions between fractional timesteps and σ
// that the sampler uses. The conversions run in float32, as the original does, so that the
// integer model timesteps (which are rounded) come out identical.
class NoiseSchedule {
public:
    // Stable Diffusion's scaled-linear schedule: β = linspace(√βmin, √βmax, n)² (float64),
    // σ_t = √(1 − ∏_{s≤t}(1 − β_s)).
    static NoiseSchedule scaledLinear(int timesteps = 1000, double betaMin = 0.00085, double betaMax = 0.012);

    int timesteps() const { return static_cast<int>(sigmas_.size()); }
    const std::vector<double>& sigmas() const { return sigmas_; }
    double sigma(int t) const;  // the table value at an integer timestep
    double alpha(int t) const;  // √(1 − σ_t²)

    // σ of a fractional timestep: linear interpolation of log(σ/α) between the neighbouring
    // integer timesteps.
    float sigmaAt(float t) const;
    // The inverse: the fractional timestep whose interpolated σ is `sigma` (clamped to the table).
    float timestepOf(float sigma) const;
    // The integer timestep the model is called with at noise level `sigma` (rounded half to even).
    int modelTimestep(float sigma) const;
    // The same for a variance-exploding σ (k-diffusion's DiscreteSchedule.sigma_to_t, the
    // interpolation above, then rounded as modelTimestep rounds).
    int modelTimestepOfVe(double sigma) const;

    // The sampler's noise levels for `steps` steps with "trailing" spacing: timesteps
    // n−1, n−1−n/steps, ... (clamped to [0, n−1]) converted to σ, then a final 0.
    std::vector<float> trailingSigmas(int steps) const;
    // Karras et al. (2022) levels, variance-exploding, for `steps` steps from the table's largest
    // σ/α down to its smallest, evenly spaced in σ^(1/ρ), then a final 0 (k-diffusion's
    // get_sigmas_karras between the schedule's sigma_max and sigma_min).
    std::vector<double> karrasSigmas(int steps, double rho = 7.0) const;

private:
    explicit NoiseSchedule(std::vector<double> sigmas);
    float timestepOfLogVe(float logVe) const;

    std::vector<double> sigmas_;
    std::vector<float> logRatios_;  // log(σ_t/α_t) per integer t, rounded to float32
};

}  // namespace flashface::sampler
