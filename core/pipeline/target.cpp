#include "pipeline/target.h"

#include "common/error.h"
#include "face/faces.h"
#include "pipeline/references.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace flashface {

namespace {

std::string describe(const Target& target) {
    return target.label.empty() ? "the target photo" : "the target photo " + target.label;
}

std::string sizeText(const Image& image) {
    return std::to_string(image.width) + "x" + std::to_string(image.height);
}

// A pixel rectangle, half-open, already clipped to the photo.
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

// White (luminance >= 128, Rec. 601 weights) repaints.
at::Tensor maskRegion(const Target& target) {
    const Image& mask = target.mask;
    if (mask.width != target.image.width || mask.height != target.image.height)
        throw InvalidRequest("The mask is " + sizeText(mask) + " but " + describe(target) + " is " +
                             sizeText(target.image) + ": draw the mask at the photo's size.");
    at::Tensor region = at::zeros({mask.height, mask.width}, at::kFloat);
    float* out = region.data_ptr<float>();
    for (std::size_t i = 0; i < static_cast<std::size_t>(mask.width) * mask.height; ++i) {
        const std::uint8_t* p = &mask.rgb[i * 3];
        out[i] = 299 * p[0] + 587 * p[1] + 114 * p[2] >= 128'000 ? 1.0f : 0.0f;
    }
    return region;
}

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
    throw InvalidRequest("unknown target region " + std::to_string(static_cast<int>(target.region)));
}

std::optional<FaceBox> boundingSquare(const at::Tensor& region) {
    const at::Tensor rows = region.amax(1).nonzero(), cols = region.amax(0).nonzero();
    if (rows.numel() == 0) return std::nullopt;
    const int height = static_cast<int>(region.size(0)), width = static_cast<int>(region.size(1));
    const int y1 = rows.min().item<int>(), y2 = rows.max().item<int>() + 1;
    const int x1 = cols.min().item<int>(), x2 = cols.max().item<int>() + 1;
    const int side = std::max(x2 - x1, y2 - y1);
    // Centred on the region and moved inside the picture where it would stick out.
    const auto start = [side](int lo, int hi, int size) { return std::clamp((lo + hi - side) / 2, 0, std::max(0, size - side)); };
    const int sx = start(x1, x2, width), sy = start(y1, y2, height);
    const auto fraction = [](int pixel, int size) { return std::min(1.0f, static_cast<float>(pixel) / static_cast<float>(size)); };
    return FaceBox{fraction(sx, width), fraction(sy, height), fraction(sx + side, width), fraction(sy + side, height)};
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

}  // namespace

int generationSide(int photoSide) {
    return (photoSide + 7) / 8 * 8;
}

PreparedTarget prepareTarget(const Target& target, const face::FaceDetector* detector) {
    const Image& photo = target.image;
    const int width = generationSide(photo.width), height = generationSide(photo.height);
    const at::Tensor region = photoRegion(target, detector);
    PreparedTarget prepared;
    prepared.pixels = at::replication_pad2d(imagesToTensor({photo}), {0, width - photo.width, 0, height - photo.height});
    prepared.region = at::constant_pad_nd(region, {0, width - photo.width, 0, height - photo.height}, 0.0).contiguous();
    prepared.boundingSquare = boundingSquare(prepared.region);
    return prepared;
}

at::Tensor latentRegion(const at::Tensor& region) {
    const at::Tensor cells = at::max_pool2d(region.unsqueeze(0).unsqueeze(0), {8, 8}, {8, 8});
    return featherOutward(cells, kLatentFeather);
}

at::Tensor pixelRegion(const at::Tensor& region) {
    return featherOutward(region.unsqueeze(0).unsqueeze(0), kPixelFeather).squeeze(0).squeeze(0).contiguous();
}

std::vector<Image> compositeOnPhoto(const std::vector<Image>& generated, const Image& photo, const at::Tensor& pixelMask) {
    const at::Tensor mask = pixelMask.to(at::kCPU, at::kFloat).contiguous();
    const float* m = mask.data_ptr<float>();
    const auto stride = static_cast<std::size_t>(mask.size(1));
    std::vector<Image> out;
    for (const Image& image : generated) {
        Image result = photo;
        for (int y = 0; y < photo.height; ++y)
            for (int x = 0; x < photo.width; ++x) {
                const float weight = m[static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x)];
                if (weight == 0.0f) continue;
                std::uint8_t* dst = &result.rgb[(static_cast<std::size_t>(y) * photo.width + x) * 3];
                const std::uint8_t* src = &image.rgb[(static_cast<std::size_t>(y) * image.width + x) * 3];
                for (int c = 0; c < 3; ++c)
                    dst[c] = static_cast<std::uint8_t>(std::lround(weight * src[c] + (1.0f - weight) * dst[c]));
            }
        out.push_back(std::move(result));
    }
    return out;
}

}  // namespace flashface
