#pragma once

#include "common/image.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface::pipeline {

// A PNG text chunk: keyword → text (UTF-8).
struct PngText {
    std::string keyword;
    std::string text;
};

// Encodes an RGB image as PNG carrying `texts`: a tEXt chunk when the text is plain ASCII, an
// uncompressed iTXt (UTF-8) otherwise. Keywords must be 1–79 printable Latin-1 characters.
std::vector<std::uint8_t> encodePng(const Image& image, const std::vector<PngText>& texts);

// A text chunk may inflate to at most this much: our own settings take a few kB, and a small
// zTXt chunk could otherwise expand to gigabytes.
inline constexpr std::size_t kMaxPngTextBytes = 4u << 20;

// The text chunks of a PNG (tEXt, zTXt and iTXt, compressed or not), in file order. Throws
// FileError naming `file` when the data is not a PNG or a chunk is damaged.
std::vector<PngText> readPngTexts(std::span<const std::uint8_t> png, const std::filesystem::path& file = {});
// From a file, refused unread when it is not a regular file or is larger than face::kMaxPhotoFileBytes.
std::vector<PngText> readPngTexts(const std::filesystem::path& file);

}  // namespace flashface::pipeline
