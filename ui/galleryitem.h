#pragma once

#include "pipeline/generation_metadata.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QImage>
#include <QString>
#include <QStringList>

namespace flashface::ui {

// One generated image: on disk, its PNG (which carries its settings) and a thumbnail; or an
// image that could not be saved, held in memory (`image`) until the user saves it elsewhere.
struct GalleryItem {
    Q_DECLARE_TR_FUNCTIONS(GalleryItem)

public:
    QString path;   // empty while not saved
    QImage image;   // the full image, kept only while it is not saved
    QImage thumbnail;
    pipeline::GenerationSettings settings;  // regenerates exactly this image
    QStringList referenceLabels;
    std::vector<double> referenceWeights;  // in reference order; empty when all are 1
    std::optional<pipeline::TargetRecord> target;    // the photo it was made over (face swap, img2img)
    QString referenceSet;  // the references that made it (ReferenceStore), when known
    QDateTime created;

    // Reads a PNG written by the engine; an empty path when it carries no FlashFace settings.
    static GalleryItem fromFile(const QString& path);
    bool saved() const { return !path.isEmpty(); }
    QImage fullImage() const;  // read from the file, or the unsaved image
    QString caption() const;   // its file's name, or its seed while not saved
    static QImage makeThumbnail(const QImage& image);
};

}  // namespace flashface::ui
