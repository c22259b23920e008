#include "imageconversion.h"

#include <QPainter>

#include <cstring>

namespace flashface::ui {

QImage toQImage(const Image& image) {
    if (image.empty()) return {};
    QImage out(image.width, image.height, QImage::Format_RGB888);
    const std::size_t row = std::size_t(image.width) * 3;
    for (int y = 0; y < image.height; ++y)
        std::memcpy(out.scanLine(y), image.rgb.data() + y * row, row);  // QImage rows are padded
    return out;
}

Image toImage(const QImage& source) {
    if (source.isNull()) return {};
    // Transparency is composited over black, as the engine's photo loader does.
    QImage opaque(source.size(), QImage::Format_RGB888);
    opaque.fill(Qt::black);
    if (source.hasAlphaChannel()) {
        QPainter(&opaque).drawImage(0, 0, source);
    } else {
        opaque = source.convertToFormat(QImage::Format_RGB888);
    }
    Image out;
    out.width = opaque.width();
    out.height = opaque.height();
    const std::size_t row = std::size_t(out.width) * 3;
    out.rgb.resize(row * out.height);
    for (int y = 0; y < out.height; ++y) std::memcpy(out.rgb.data() + y * row, opaque.constScanLine(y), row);
    return out;
}

}  // namespace flashface::ui
