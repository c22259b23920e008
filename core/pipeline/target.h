#pragma once

#include "common/image.h"
#include "pipeline/request.h"

#include <ATen/core/Tensor.h>

#include <optional>
#include <vector>

// Face swap and img2img: the target photo as the sampler and the compositing read it
// (docs/model.md "Target photo").
namespace flashface {
namespace face {
class FaceDetector;
}

// The detected face box grown by this share of its width and height on each side, so that the
// repainted region takes in the hairline, the ears and the chin.
inline constexpr double kFaceRegionMargin = 0.25;
// The latent region ramps down over this many latent pixels beyond the region; the pixel mask
// over the pixels those latent pixels cover, so that the photo's own bytes return only where the
// latent is already the photo's.
inline constexpr int kLatentFeather = 2;
inline constexpr int kPixelFeather = 8 * (kLatentFeather + 1);

// The generation size for a photo side: rounded up to a multiple of 8 (the autoencoder's factor).
int generationSide(int photoSide);

struct PreparedTarget {
    at::Tensor pixels;  // [1, 3, H, W] float32 in [-1, 1]: the photo, edge-padded to the generation size
    at::Tensor region;  // [H, W] float32: 1 where the picture is repainted, else 0 (and 0 in the padding)
    // The region's bounding square (the face position the model was trained with), normalised
    // to the generation size; none when the region is empty.
    std::optional<FaceBox> boundingSquare;
};

// InvalidRequest naming the photo when the region cannot be made (no face: the message offers
// a mask or the whole picture; a mask of another size).
PreparedTarget prepareTarget(const Target& target, const face::FaceDetector* detector);

// The region as the latent blend reads it: [1, 1, H/8, W/8], 1 in every latent pixel that
// touches the region, ramping to 0 over kLatentFeather latent pixels beyond.
at::Tensor latentRegion(const at::Tensor& region);
// The region as the final compositing reads it: [H, W], ramping to 0 over kPixelFeather pixels.
at::Tensor pixelRegion(const at::Tensor& region);

// Generated images (generation size) laid over `photo` through `pixelMask` ([H, W]) and cut to
// the photo's size: where the mask is 0 the result holds the photo's bytes, where it is 1 the
// generated ones.
std::vector<Image> compositeOnPhoto(const std::vector<Image>& generated, const Image& photo, const at::Tensor& pixelMask);

}  // namespace flashface
