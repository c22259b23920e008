#pragma once

#include "common/image.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface {

// A PNG text chunk: keyword → text (UTF-8).
struct PngText {
    std::string keyword;
    std::string text;
};

// Encodes an RGB image as PNG carrying `texts`: a tEXt chunk when the text is plain ASCII, an
// uncompressed iTXt (UTF-8) otherwise. Keywords must be 1–79 printable Latin-1 characters.
std::vector<std::uint8_t> encodePng(const Image& image, const std::vector<PngText>& texts);

// The text chunks of a PNG (tEXt, zTXt and iTXt, compressed or not), in file order. Throws
// FileError naming `file` when the data is not a PNG or a chunk is damaged.
std::vector<PngText> readPngTexts(std::span<const std::uint8_t> png, const std::filesystem::path& file = {});
std::vector<PngText> readPngTexts(const std::filesystem::path& file);

// Writes `bytes` into `folder` (created if absent) as `<stem>-NNNNN<extension>`, numbered one past
// the highest existing number. Atomic (a temporary file linked into place) and never replaces
// an existing file, even one created concurrently: it takes the next number instead.
std::filesystem::path writeNumberedFile(const std::filesystem::path& folder, const std::string& stem,
                                        const std::string& extension, std::span<const std::uint8_t> bytes);

}  // namespace flashface
