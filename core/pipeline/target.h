#pragma once

#include "common/image.h"
#include "pipeline/request.h"

#include <ATen/core/Tensor.h>

#include <optional>
#include <vector>

namespace flashface::face {
class FaceDetector;
}

// Face swap and img2img: the target photo as the sampler and the compositing read it
// (docs/model.md "Target photo").
namespace flashface::pipeline {

// The detected face box grown by this share of its width and height on each side, so that the
// repainted region takes in the hairline, the ears and the chin.
inline constexpr double kFaceRegionMargin = 0.25;
// A face or mask region is generated within a window around it this many times its longer side
// (within the photo): the face then takes about the share of the picture the model was trained
// with, and a small face in a large photo is drawn at the model's resolution.
inline constexpr double kWindowContext = 2.0;
// The latent region ramps down over this many latent pixels beyond the region; the composite
// weights over the pixels those latent pixels cover, so that the photo's own bytes return only
// where the latent is already the photo's.
inline constexpr int kLatentFeather = 2;
inline constexpr int kPixelFeather = 8 * (kLatentFeather + 1);

// The generation size for a photo side: rounded up to a multiple of 8 (the autoencoder's factor).
int generationSide(int photoSide);

// A rectangle of the photo, in its pixels.
struct PhotoWindow {
    int x = 0, y = 0, width = 0, height = 0;
};

struct PreparedTarget {
    // The part of the photo that is generated: the whole photo for the whole picture, else the
    // window around the region.
    PhotoWindow window;
    // The whole picture is generated at the photo's size, edge-padded to multiples of 8; a window
    // is resized to the working size.
    bool resized = false;
    at::Tensor pixels;  // [1, 3, H, W] float32 in [-1, 1]: the window at the generation size
    at::Tensor region;  // [H, W] float32: 1 where the picture is repainted, else 0
    // The region's bounding square (the face position the model was trained with), normalised
    // to the generation size; none when the region is empty.
    std::optional<FaceBox> boundingSquare;

    int width() const { return static_cast<int>(pixels.size(3)); }
    int height() const { return static_cast<int>(pixels.size(2)); }
};

// The region of `target` and the window to generate. A window's longer side is generated at
// `workingSide` pixels (the settings' longer side). InvalidRequest naming the photo when the
// region cannot be made (no face: the message offers a mask or the whole picture; a mask of
// another size).
PreparedTarget prepareTarget(const Target& target, int workingSide, const face::FaceDetector* detector);

// The region as the latent blend reads it: [1, 1, H/8, W/8], 1 in every latent pixel that
// touches the region, ramping to 0 over kLatentFeather latent pixels beyond.
at::Tensor latentRegion(const at::Tensor& region);

// How much of each photo pixel the result takes from the generated images: [photo height,
// photo width] float32 in [0, 1], the region ramping to 0 over kPixelFeather generated pixels,
// 0 outside the window.
at::Tensor compositeWeights(const PreparedTarget& target, const Image& photo);

// Decoded images ([n, 3, H, W] in [-1, 1], the generation size) laid over `photo`: where the
// composite weight is 0 each result holds the photo's bytes, where it is 1 the generated ones.
std::vector<Image> compositeOnPhoto(const at::Tensor& decoded, const Image& photo, const PreparedTarget& target);

}  // namespace flashface::pipeline
