#pragma once

#include "pipeline/request.h"

#include <QDateTime>
#include <QImage>
#include <QString>
#include <QStringList>

namespace flashface::ui {

// One generated image on disk: its PNG (which carries its settings) and a thumbnail.
struct GalleryItem {
    QString path;
    QImage thumbnail;
    GenerationSettings settings;  // regenerates exactly this image
    QStringList referenceLabels;
    QDateTime created;

    // Reads a PNG written by the engine; an empty path when it carries no FlashFace settings.
    static GalleryItem fromFile(const QString& path);
    static QImage makeThumbnail(const QImage& image);
};

}  // namespace flashface::ui
