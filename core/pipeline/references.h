#pragma once

#include "common/image.h"
#include "pipeline/request.h"

#include <ATen/core/Tensor.h>

#include <vector>

namespace flashface::face {
class FaceDetector;
}

namespace flashface::pipeline {

// The model is trained with 4 references: fewer are repeated in order (a, b → a, b, a, b); more
// are used as given (users report better likeness with 8–16).
inline constexpr int kMinReferences = 4;

// Each reference as the 224×224 image the model reads: a crop is padded as is; a photo is cut
// by its manual box, or searched with `detector` for the face at `faceIndex`. Then cycled up to
// kMinReferences. InvalidRequest naming the reference when it has no usable face.
std::vector<Image> prepareReferenceImages(const std::vector<Reference>& references,
                                          const face::FaceDetector* detector);

// The references' weights in the order of prepareReferenceImages' images (cycled alike), or
// empty when every weight is 1.
std::vector<double> referenceWeights(const std::vector<Reference>& references);

// RGB images → [B, 3, H, W] float32 in [-1, 1] on the CPU.
at::Tensor imagesToTensor(const std::vector<Image>& images);

inline constexpr double kLatentScale = 0.18215;

}  // namespace flashface::pipeline
