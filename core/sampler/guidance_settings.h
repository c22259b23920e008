#pragma once

// The guidance a generation asks for: plain data with the defaults, torch-free, so that the
// request (pipeline/request.h), the command line's help and the GUI read them from here.
namespace flashface::sampler {

// FlashFace's disentangled guidance: text guidance s from the start; reference guidance g only
// from the launch timestep T_L down, so that early (layout-defining) steps follow the prompt.
struct GuidanceSettings {
    float textScale = 7.5f;       // s: classifier-free guidance of the prompt
    float referenceScale = 3.2f;  // g: strength of the reference guidance term
    float rescale = 0.5f;         // share of the std-matching rescale (arXiv 2305.08891)
    int launchStep = 750;         // T_L: reference guidance for model timesteps t <= T_L
    float lambda = 1.2f;          // λ: reference feature strength once reference guidance runs
    float lambdaBefore = 0.85f;   // λ before the launch step
};

}  // namespace flashface::sampler
