#pragma once

#include "common/image.h"

#include <QImage>

namespace flashface::ui {

// Deep copies between the engine's packed RGB images and QImage.
QImage toQImage(const Image& image);
Image toImage(const QImage& image);

}  // namespace flashface::ui
