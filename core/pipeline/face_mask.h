#pragma once

#include "pipeline/request.h"

#include <ATen/core/Tensor.h>

namespace flashface::pipeline {

// The face-position mask the UNet reads as its fifth input channel, [height/8, width/8] float32:
// the box corners in pixels (truncated), a square of the box's longer side from its top-left
// corner (clipped at the image edges), sampled at every 8th pixel. All zeros for "no constraint".
at::Tensor faceMask(const FaceBox& box, int width, int height);

}  // namespace flashface::pipeline
