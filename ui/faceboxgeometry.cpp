#include "faceboxgeometry.h"

#include <algorithm>
#include <cmath>

namespace flashface::ui {

QRect effectiveSquarePixels(const pipeline::FaceBox& box, QSize output) {
    if (box.isNone() || output.isEmpty()) return {};
    const int w = output.width(), h = output.height();
    // Truncation, as the reference implementation converts the normalised box to pixels.
    const int x1 = static_cast<int>(box.x1 * w), y1 = static_cast<int>(box.y1 * h);
    const int x2 = static_cast<int>(box.x2 * w), y2 = static_cast<int>(box.y2 * h);
    const int side = std::max(x2 - x1, y2 - y1);
    const int left = std::clamp(x1, 0, w), top = std::clamp(y1, 0, h);
    const int right = std::clamp(x1 + side, 0, w), bottom = std::clamp(y1 + side, 0, h);
    if (right <= left || bottom <= top) return {};
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

QRectF effectiveSquare(const pipeline::FaceBox& box, QSize output) {
    const QRect px = effectiveSquarePixels(box, output);
    if (px.isEmpty()) return {};
    const double w = output.width(), h = output.height();
    return QRectF(px.x() / w, px.y() / h, px.width() / w, px.height() / h);
}

pipeline::FaceBox normalisedBox(float x1, float y1, float x2, float y2) {
    // A thousandth of the width is below a pixel at any usable size, and keeps the numbers
    // artists read and type short.
    auto unit = [](float v) { return std::round(std::clamp(v, 0.0f, 1.0f) * 1000.0f) / 1000.0f; };
    return pipeline::FaceBox{unit(std::min(x1, x2)), unit(std::min(y1, y2)), unit(std::max(x1, x2)),
                   unit(std::max(y1, y2))};
}

QRectF toRectF(const pipeline::FaceBox& box) { return QRectF(QPointF(box.x1, box.y1), QPointF(box.x2, box.y2)); }

pipeline::FaceBox toFaceBox(const QRectF& rect) {
    const QRectF r = rect.normalized();
    return normalisedBox(float(r.left()), float(r.top()), float(r.right()), float(r.bottom()));
}

}  // namespace flashface::ui
