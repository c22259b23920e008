#pragma once

#include <cstdint>
#include <vector>

namespace flashface {

// An 8-bit RGB image, rows top to bottom, no padding. Plain data so that the UI and the
// command line can use engine results without libtorch or OpenCV headers.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3

    bool empty() const { return width <= 0 || height <= 0; }
};

}  // namespace flashface
