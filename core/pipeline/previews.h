#pragma once

#include "common/image.h"

#include <ATen/core/Tensor.h>

#include <vector>

namespace flashface::pipeline {

// Images [n, 3, H, W] in [-1, 1] → 8-bit RGB as the original converts them:
// clip(x·127.5 + 127.5, 0, 255), truncated.
std::vector<Image> tensorToImages(const at::Tensor& images);

// A cheap look at latents [n, 4, h, w] (scaled by 0.18215) without the decoder: a fixed linear
// map of the four latent channels to RGB, at the latent's resolution (1/8 of the image).
std::vector<Image> latentPreviews(const at::Tensor& latents);

}  // namespace flashface::pipeline
