#pragma once

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <functional>

namespace flashface::sampler {

// Called by every sampler after each step with the new latent and the index of its noise level
// in the sampler's level list; returns the latent the next step starts from (img2img puts the
// kept picture back outside its region there).
using LatentHook = std::function<at::Tensor(at::Tensor x, std::size_t level)>;

}  // namespace flashface::sampler
