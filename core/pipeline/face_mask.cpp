#include "pipeline/face_mask.h"

#include "pipeline/number_format.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace flashface::pipeline {

namespace {

// The box as the user wrote it (0.35, not 0.3499999940...), so that box·size truncates to the
// pixel the original computes in float64.
int toPixel(float normalised, int size) {
    return static_cast<int>(decimalValue(normalised) * size);
}

}  // namespace

at::Tensor faceMask(const FaceBox& box, int width, int height) {
    at::Tensor mask = at::zeros({height, width}, at::kFloat);
    if (!box.isNone()) {
        const int x1 = toPixel(box.x1, width), y1 = toPixel(box.y1, height);
        const int x2 = toPixel(box.x2, width), y2 = toPixel(box.y2, height);
        const int side = std::max(x2 - x1, y2 - y1);
        const int rowEnd = std::min(height, y1 + side), colEnd = std::min(width, x1 + side);
        if (side > 0 && rowEnd > y1 && colEnd > x1) mask.slice(0, y1, rowEnd).slice(1, x1, colEnd).fill_(1.0f);
    }
    return mask.slice(0, 0, height, 8).slice(1, 0, width, 8).contiguous();
}

}  // namespace flashface::pipeline
