#pragma once

#include "common/image.h"

namespace flashface::face {

// Pixel operations on plain RGB images that reproduce PIL's results, because the reference
// faces the model was trained with were prepared by PIL.

// PIL's Image.resize(..., BICUBIC): separable cubic convolution (a = -0.5), widened to
// antialias when shrinking, 8-bit fixed-point weights, horizontal pass first. Bit-exact.
Image resizeBicubic(const Image& image, int width, int height);

// Where an image lands when its longer side is scaled to `size` and it is centred on a
// size×size square (the original's PadToSquare): the scale, the scaled size (rounded half to
// even, as Python does) and the offset of its top-left corner on the square.
struct SquareFit {
    double scale = 1;
    int width = 0, height = 0;
    int left = 0, top = 0;
};
SquareFit fitInSquare(int width, int height, int size);

// PadToSquare: resizeBicubic to fitInSquare(...), centred on a black size×size square.
Image padToSquare(const Image& image, int size);

// PIL's Image.crop: the rectangle [x1, x2) × [y1, y2), which may extend past the image; the
// part outside is black. An empty rectangle gives an empty image.
Image cropBox(const Image& image, int x1, int y1, int x2, int y2);

// PIL's Image.rotate(degrees) with its defaults: counter-clockwise about the image centre,
// nearest neighbour, same size, black where no source pixel lands. Bit-exact.
Image rotateNearest(const Image& image, double degrees);

}  // namespace flashface::face
