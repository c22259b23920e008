#pragma once

#include "common/image.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface::face {

// Photos larger than this (longer side, pixels) are downscaled as they are loaded: detection
// works on 640 pixels and references on 224, so more only costs memory and time.
inline constexpr int kMaxPhotoSide = 4096;
// Larger files are refused unread, and images of more pixels than this are refused (or, for a
// JPEG, decoded at a reduced scale) before any pixel is decoded.
inline constexpr std::uint64_t kMaxPhotoFileBytes = 256u << 20;
inline constexpr std::uint64_t kMaxDecodedPixels = 64'000'000;

// Loads a photo (JPEG, PNG, WebP, BMP, TIFF, ... whatever OpenCV's imgcodecs reads) as 8-bit RGB,
// upright: the EXIF orientation is applied. Grayscale becomes RGB, 16-bit and float images are
// scaled to 8 bits, transparency is composited over black (the colour the original pads with).
// Throws FileError naming the file when it is missing, not a regular file, empty, over the limits
// above, truncated, or not a readable image.
Image loadPhoto(const std::filesystem::path& file, int maxSide = kMaxPhotoSide);

// The same from the encoded bytes of a file; `file` only names it in errors.
Image decodePhoto(std::span<const std::uint8_t> encoded, const std::filesystem::path& file,
                  int maxSide = kMaxPhotoSide);

// The EXIF orientation (1–8) stored in an encoded JPEG (APP1), PNG (eXIf), WebP (EXIF) or TIFF;
// 1 when there is none or it cannot be read.
int exifOrientation(std::span<const std::uint8_t> encoded);

// `image` encoded in the format `extension` names (".png", ".jpg", ...). Throws Error.
std::vector<std::uint8_t> encodeImage(const Image& image, const std::string& extension);

// Writes `image` in the format its extension names, atomically (common/atomic_file.h). Refuses to
// replace an existing file. Throws FileError on failure.
void saveImage(const Image& image, const std::filesystem::path& file);

}  // namespace flashface::face
