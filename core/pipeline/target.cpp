#include "pipeline/target.h"

#include "common/error.h"
#include "face/faces.h"
#include "pipeline/previews.h"
#include "pipeline/references.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace flashface::pipeline {

namespace {

std::string describe(const Target& target) {
    return target.label.empty() ? "the target photo" : "the target photo " + target.label;
}

std::string sizeText(const Image& image) {
    return std::to_string(image.width) + "x" + std::to_string(image.height);
}

// A pixel rectangle, half-open.
struct Rect {
    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    bool empty() const { return x2 <= x1 || y2 <= y1; }
};

Rect grownFace(const face::DetectedFace& f, const Image& photo) {
    const double dx = kFaceRegionMargin * f.width(), dy = kFaceRegionMargin * f.height();
    return {std::max(0, static_cast<int>(std::floor(f.x1 - dx))), std::max(0, static_cast<int>(std::floor(f.y1 - dy))),
            std::min(photo.width, static_cast<int>(std::ceil(f.x2 + dx))),
            std::min(photo.height, static_cast<int>(std::ceil(f.y2 + dy)))};
}

Rect faceRect(const Target& target, const face::FaceDetector* detector) {
    const std::string label = describe(target);
    if (!detector) throw InvalidRequest("Cannot find the face in " + label + ": no face detector is loaded.");
    const auto faces = detector->detect(target.image);
    if (faces.empty())
        throw InvalidRequest("No face was found in " + label +
                             ". Paint the area to repaint as a mask, or repaint the whole picture.");
    return grownFace(face::chooseFace(faces, target.faceIndex, label), target.image);
}

at::Tensor maskRegion(const Target& target) {
    const Image& mask = target.mask;
    if (mask.width != target.image.width || mask.height != target.image.height)
        throw InvalidRequest("The mask is " + sizeText(mask) + " but " + describe(target) + " is " +
                             sizeText(target.image) + ": draw the mask at the photo's size.");
    at::Tensor region = at::zeros({mask.height, mask.width}, at::kFloat);
    float* out = region.data_ptr<float>();
    for (std::size_t i = 0; i < static_cast<std::size_t>(mask.width) * mask.height; ++i)
        out[i] = repaintsPixel(&mask.rgb[i * 3]) ? 1.0f : 0.0f;
    return region;
}

// [photo height, photo width]: 1 where the picture is repainted.
at::Tensor photoRegion(const Target& target, const face::FaceDetector* detector) {
    const Image& photo = target.image;
    switch (target.region) {
    case TargetRegion::Whole: return at::ones({photo.height, photo.width}, at::kFloat);
    case TargetRegion::Mask: return maskRegion(target);
    case TargetRegion::Face: {
        const Rect r = faceRect(target, detector);
        at::Tensor region = at::zeros({photo.height, photo.width}, at::kFloat);
        if (!r.empty()) region.slice(0, r.y1, r.y2).slice(1, r.x1, r.x2).fill_(1.0f);
        return region;
    }
    }
    throw InternalError("unknown target region " + std::to_string(static_cast<int>(target.region)));
}

std::optional<Rect> bounds(const at::Tensor& region) {
    const at::Tensor rows = region.amax(1).nonzero(), cols = region.amax(0).nonzero();
    if (rows.numel() == 0) return std::nullopt;
    return Rect{cols.min().item<int>(), rows.min().item<int>(), cols.max().item<int>() + 1, rows.max().item<int>() + 1};
}

// A span of `length` (at most `size`) centred on [lo, hi) and moved inside [0, size).
std::pair<int, int> centredSpan(int lo, int hi, int length, int size) {
    length = std::min(length, size);
    return {std::clamp((lo + hi - length) / 2, 0, size - length), length};
}

std::optional<FaceBox> boundingSquare(const at::Tensor& region) {
    const auto r = bounds(region);
    if (!r) return std::nullopt;
    const int height = static_cast<int>(region.size(0)), width = static_cast<int>(region.size(1));
    const int side = std::max(r->x2 - r->x1, r->y2 - r->y1);
    const int sx = centredSpan(r->x1, r->x2, side, width).first, sy = centredSpan(r->y1, r->y2, side, height).first;
    const auto fraction = [](int pixel, int size) { return std::min(1.0f, static_cast<float>(pixel) / static_cast<float>(size)); };
    return FaceBox{fraction(sx, width), fraction(sy, height), fraction(sx + side, width), fraction(sy + side, height)};
}

PhotoWindow windowAround(const std::optional<Rect>& r, const Image& photo) {
    if (!r) return {0, 0, photo.width, photo.height};
    const int side = static_cast<int>(std::ceil(kWindowContext * std::max(r->x2 - r->x1, r->y2 - r->y1)));
    const auto [x, width] = centredSpan(r->x1, r->x2, side, photo.width);
    const auto [y, height] = centredSpan(r->y1, r->y2, side, photo.height);
    return {x, y, width, height};
}

at::Tensor cut(const at::Tensor& t, const PhotoWindow& w) {
    return t.slice(-2, w.y, w.y + w.height).slice(-1, w.x, w.x + w.width);
}

// Images or maps [n, c, h, w] resized with antialiasing (as PIL resizes), float32.
at::Tensor resized(const at::Tensor& t, std::int64_t height, std::int64_t width) {
    return at::_upsample_bilinear2d_aa(t, {height, width}, /*align_corners=*/false);
}

// Grows a 0/1 map [1, 1, H, W] outward: 1 inside, (radius + 1 − d)/(radius + 1) at chessboard
// distance d ≤ radius, 0 beyond (each 3×3 max-pool reaches one pixel further).
at::Tensor featherOutward(at::Tensor binary, int radius) {
    at::Tensor sum = binary.clone();
    for (int i = 0; i < radius; ++i) {
        binary = at::max_pool2d(binary, {3, 3}, {1, 1}, {1, 1});
        sum += binary;
    }
    return sum / static_cast<float>(radius + 1);
}

// The generated window at the window's size in photo pixels: [n, c, window h, window w].
at::Tensor toWindow(const at::Tensor& generated, const PreparedTarget& target) {
    const PhotoWindow& w = target.window;
    if (target.resized) return resized(generated, w.height, w.width);
    return generated.slice(-2, 0, w.height).slice(-1, 0, w.width);  // the padding cut off
}

}  // namespace

int generationSide(int photoSide) {
    return (photoSide + 7) / 8 * 8;
}

PreparedTarget prepareTarget(const Target& target, int workingSide, const face::FaceDetector* detector) {
    const Image& photo = target.image;
    const at::Tensor region = photoRegion(target, detector);
    const at::Tensor pixels = imagesToTensor({photo});
    PreparedTarget prepared;
    if (target.region == TargetRegion::Whole) {
        prepared.window = {0, 0, photo.width, photo.height};
        const std::int64_t padRight = generationSide(photo.width) - photo.width;
        const std::int64_t padBottom = generationSide(photo.height) - photo.height;
        prepared.pixels = at::replication_pad2d(pixels, {0, padRight, 0, padBottom});
        prepared.region = at::constant_pad_nd(region, {0, padRight, 0, padBottom}, 0.0).contiguous();
    } else {
        prepared.window = windowAround(bounds(region), photo);
        prepared.resized = true;
        const PhotoWindow& w = prepared.window;
        const double scale = static_cast<double>(workingSide) / std::max(w.width, w.height);
        const auto side = [&](int length) {
            return std::max<std::int64_t>(kSideRange.min, std::lround(length * scale / 8.0) * 8);
        };
        const std::int64_t height = side(w.height), width = side(w.width);
        prepared.pixels = resized(cut(pixels, w), height, width).clamp(-1, 1);
        // Any part of a generated pixel in the region repaints it.
        const at::Tensor covered = resized(cut(region, w).unsqueeze(0).unsqueeze(0), height, width);
        prepared.region = (covered > 0).to(at::kFloat).squeeze(0).squeeze(0).contiguous();
    }
    prepared.boundingSquare = boundingSquare(prepared.region);
    return prepared;
}

at::Tensor latentRegion(const at::Tensor& region) {
    const at::Tensor cells = at::max_pool2d(region.unsqueeze(0).unsqueeze(0), {8, 8}, {8, 8});
    return featherOutward(cells, kLatentFeather);
}

at::Tensor compositeWeights(const PreparedTarget& target, const Image& photo) {
    const at::Tensor feathered = featherOutward(target.region.unsqueeze(0).unsqueeze(0), kPixelFeather);
    at::Tensor weights = at::zeros({photo.height, photo.width}, at::kFloat);
    cut(weights, target.window).copy_(toWindow(feathered, target).clamp(0, 1).squeeze(0).squeeze(0));
    return weights;
}

std::vector<Image> compositeOnPhoto(const at::Tensor& decoded, const Image& photo, const PreparedTarget& target) {
    const at::Tensor weights = compositeWeights(target, photo);
    const float* m = weights.data_ptr<float>();
    const PhotoWindow& w = target.window;
    std::vector<Image> out;
    for (const Image& window : tensorToImages(toWindow(decoded.to(at::kCPU, at::kFloat), target).clamp(-1, 1))) {
        Image result = photo;
        for (int y = w.y; y < w.y + w.height; ++y)
            for (int x = w.x; x < w.x + w.width; ++x) {
                const std::size_t pixel = static_cast<std::size_t>(y) * photo.width + x;
                const float weight = m[pixel];
                if (weight == 0.0f) continue;
                std::uint8_t* dst = &result.rgb[pixel * 3];
                const std::uint8_t* src = &window.rgb[(static_cast<std::size_t>(y - w.y) * window.width + (x - w.x)) * 3];
                for (int c = 0; c < 3; ++c)
                    dst[c] = static_cast<std::uint8_t>(std::lround(weight * src[c] + (1.0f - weight) * dst[c]));
            }
        out.push_back(std::move(result));
    }
    return out;
}

}  // namespace flashface::pipeline
