#include "face/image_ops.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace flashface::face {

namespace {

constexpr int kChannels = 3;

// PIL's resampling arithmetic (libImaging/Resample.c): weights in 22-bit fixed point, so that
// sums of 8-bit pixels times weights fit in 32 bits.
constexpr int kPrecisionBits = 32 - 8 - 2;

double cubic(double x) {
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
    if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
    return 0.0;
}

// For each output sample, the first input sample it reads and its fixed-point weights.
struct Kernel {
    int taps = 0;
    std::vector<int> first, count;
    std::vector<std::int32_t> weights;  // taps per output sample
};

Kernel bicubicKernel(int inSize, int outSize) {
    constexpr double kSupport = 2.0;
    const double scale = static_cast<double>(inSize) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = kSupport * filterScale;

    Kernel k;
    k.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    k.first.resize(outSize);
    k.count.resize(outSize);
    k.weights.assign(static_cast<std::size_t>(outSize) * k.taps, 0);
    std::vector<double> w(k.taps);
    for (int xx = 0; xx < outSize; ++xx) {
        const double centre = (xx + 0.5) * scale;
        const int xmin = std::max(static_cast<int>(centre - support + 0.5), 0);
        const int xmax = std::min(static_cast<int>(centre + support + 0.5), inSize) - xmin;
        double sum = 0.0;
        for (int x = 0; x < xmax; ++x) {
            w[x] = cubic((x + xmin - centre + 0.5) / filterScale);
            sum += w[x];
        }
        for (int x = 0; x < xmax; ++x) {
            const double v = sum != 0.0 ? w[x] / sum : w[x];
            const double fixed = v * (1 << kPrecisionBits);
            k.weights[static_cast<std::size_t>(xx) * k.taps + x] =
                static_cast<std::int32_t>(v < 0 ? fixed - 0.5 : fixed + 0.5);
        }
        k.first[xx] = xmin;
        k.count[xx] = xmax;
    }
    return k;
}

std::uint8_t clip8(std::int32_t v) {
    if (v >= (1 << kPrecisionBits << 8)) return 255;
    if (v <= 0) return 0;
    return static_cast<std::uint8_t>(v >> kPrecisionBits);
}

// Resamples `lines` lines of RGB pixels along one axis. Strides are in bytes; `step` is the
// distance between neighbouring pixels along the axis, `lineStride` between lines.
void resampleAxis(const std::uint8_t* in, std::ptrdiff_t inStep, std::ptrdiff_t inLineStride, std::uint8_t* out,
                  std::ptrdiff_t outStep, std::ptrdiff_t outLineStride, int lines, const Kernel& k) {
    const int outSize = static_cast<int>(k.first.size());
    for (int line = 0; line < lines; ++line) {
        const std::uint8_t* src = in + line * inLineStride;
        std::uint8_t* dst = out + line * outLineStride;
        for (int xx = 0; xx < outSize; ++xx) {
            const std::int32_t* w = &k.weights[static_cast<std::size_t>(xx) * k.taps];
            const std::uint8_t* p = src + k.first[xx] * inStep;
            for (int c = 0; c < kChannels; ++c) {
                std::int32_t sum = 1 << (kPrecisionBits - 1);
                for (int x = 0; x < k.count[xx]; ++x) sum += p[x * inStep + c] * w[x];
                dst[xx * outStep + c] = clip8(sum);
            }
        }
    }
}

Image blank(int width, int height) {
    Image image;
    image.width = width;
    image.height = height;
    image.rgb.assign(static_cast<std::size_t>(width) * height * kChannels, 0);
    return image;
}

// Python's round(): halves go to the even neighbour.
int roundHalfEven(double v) {
    return static_cast<int>(std::nearbyint(v));
}

}  // namespace

Image resizeBicubic(const Image& image, int width, int height) {
    if (width == image.width && height == image.height) return image;
    Image current = image;
    if (width != image.width) {
        Image next = blank(width, current.height);
        resampleAxis(current.rgb.data(), kChannels, static_cast<std::ptrdiff_t>(current.width) * kChannels,
                     next.rgb.data(), kChannels, static_cast<std::ptrdiff_t>(width) * kChannels, current.height,
                     bicubicKernel(current.width, width));
        current = std::move(next);
    }
    if (height != image.height) {
        Image next = blank(width, height);
        const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(width) * kChannels;
        resampleAxis(current.rgb.data(), row, kChannels, next.rgb.data(), row, kChannels, width,
                     bicubicKernel(current.height, height));
        current = std::move(next);
    }
    return current;
}

SquareFit fitInSquare(int width, int height, int size) {
    SquareFit fit;
    fit.scale = static_cast<double>(size) / std::max(width, height);
    fit.width = roundHalfEven(width * fit.scale);
    fit.height = roundHalfEven(height * fit.scale);
    // The original pads only the shorter side (the longer one is `size` by construction).
    if (fit.width > fit.height) fit.top = (size - fit.height) / 2;
    if (fit.height > fit.width) fit.left = (size - fit.width) / 2;
    return fit;
}

Image padToSquare(const Image& image, int size) {
    const SquareFit fit = fitInSquare(image.width, image.height, size);
    const Image scaled = resizeBicubic(image, fit.width, fit.height);
    Image square = blank(size, size);
    const int rows = std::min(fit.height, size - fit.top);
    const int cols = std::min(fit.width, size - fit.left);
    for (int y = 0; y < rows; ++y)
        std::copy_n(&scaled.rgb[static_cast<std::size_t>(y) * fit.width * kChannels], cols * kChannels,
                    &square.rgb[(static_cast<std::size_t>(y + fit.top) * size + fit.left) * kChannels]);
    return square;
}

Image cropBox(const Image& image, int x1, int y1, int x2, int y2) {
    Image out = blank(std::max(0, x2 - x1), std::max(0, y2 - y1));
    const int xs = std::max(x1, 0), xe = std::min(x2, image.width);
    if (xe <= xs) return out;
    for (int y = std::max(y1, 0); y < std::min(y2, image.height); ++y)
        std::copy_n(&image.rgb[(static_cast<std::size_t>(y) * image.width + xs) * kChannels], (xe - xs) * kChannels,
                    &out.rgb[(static_cast<std::size_t>(y - y1) * out.width + (xs - x1)) * kChannels]);
    return out;
}

Image rotateNearest(const Image& image, double degrees) {
    // PIL's Image.rotate builds the inverse affine map (output → input pixel) with cos/sin
    // rounded to 15 decimals, then samples through libImaging's 16.16 fixed-point nearest path.
    const auto round15 = [](double v) { return std::round(v * 1e15) / 1e15; };
    double turn = std::fmod(degrees, 360.0);  // Python's `angle % 360.0` is never negative
    if (turn < 0) turn += 360.0;
    const double radians = -(turn * (M_PI / 180.0));
    const double a = round15(std::cos(radians)), b = round15(std::sin(radians));
    const double d = -b, e = a;
    const double cx = image.width / 2.0, cy = image.height / 2.0;
    const double c = a * -cx + b * -cy + cx;
    const double f = d * -cx + e * -cy + cy;

    const auto fixed = [](double v) { return static_cast<std::int64_t>(std::floor(v * 65536.0 + 0.5)); };
    const std::int64_t a0 = fixed(a), a1 = fixed(b), a3 = fixed(d), a4 = fixed(e);
    std::int64_t rowX = fixed(c + a * 0.5 + b * 0.5);
    std::int64_t rowY = fixed(f + d * 0.5 + e * 0.5);

    Image out = blank(image.width, image.height);
    for (int y = 0; y < image.height; ++y, rowX += a1, rowY += a4) {
        std::int64_t xx = rowX, yy = rowY;
        for (int x = 0; x < image.width; ++x, xx += a0, yy += a3) {
            const std::int64_t xin = xx >> 16, yin = yy >> 16;
            if (xin < 0 || yin < 0 || xin >= image.width || yin >= image.height) continue;
            std::copy_n(&image.rgb[(static_cast<std::size_t>(yin) * image.width + xin) * kChannels], kChannels,
                        &out.rgb[(static_cast<std::size_t>(y) * image.width + x) * kChannels]);
        }
    }
    return out;
}

}  // namespace flashface::face
