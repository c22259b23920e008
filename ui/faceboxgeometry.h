#pragma once

#include "pipeline/request.h"

#include <QRect>
#include <QRectF>
#include <QSize>

namespace flashface::ui {

// The model does not use the face box as drawn: it takes the square whose side is the box's
// longer side (in output pixels, after truncating the corners), anchored at the box's top-left
// corner and clipped at the image edges. These helpers compute that square so the UI can show
// artists what will actually be constrained. An empty rect means "no constraint".
QRect effectiveSquarePixels(const pipeline::FaceBox& box, QSize output);
QRectF effectiveSquare(const pipeline::FaceBox& box, QSize output);  // normalised to [0,1]

// A box with every coordinate in [0,1] (to a thousandth) and x1 <= x2, y1 <= y2.
pipeline::FaceBox normalisedBox(float x1, float y1, float x2, float y2);

QRectF toRectF(const pipeline::FaceBox& box);
pipeline::FaceBox toFaceBox(const QRectF& rect);

}  // namespace flashface::ui
