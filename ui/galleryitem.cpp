#include "galleryitem.h"

#include "pipeline/generation_metadata.h"

#include <QFileInfo>
#include <QImageReader>

#include <exception>

namespace flashface::ui {
namespace {
constexpr int kThumbnailSide = 256;
}

GalleryItem GalleryItem::fromFile(const QString& path) {
    GalleryItem item;
    try {
        const pipeline::ImageMetadata metadata = pipeline::readImageMetadata(path.toStdString());
        item.settings = metadata.settings;
        for (const std::string& label : metadata.referenceLabels) item.referenceLabels.append(QString::fromStdString(label));
        item.referenceWeights = metadata.referenceWeights;
        item.target = metadata.target;
    } catch (const std::exception&) {
        return {};  // not one of ours (or damaged): the gallery leaves it alone
    }
    QImageReader reader(path);
    const QSize size = reader.size();
    if (size.isValid()) reader.setScaledSize(size.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio));
    item.thumbnail = reader.read();
    if (item.thumbnail.isNull()) return {};
    item.path = path;
    item.created = QFileInfo(path).lastModified();
    return item;
}

QString GalleryItem::caption() const {
    return saved() ? QFileInfo(path).fileName() : tr("Seed %1 (not saved)").arg(settings.seed);
}

QImage GalleryItem::fullImage() const { return saved() ? QImageReader(path).read() : image; }

QImage GalleryItem::makeThumbnail(const QImage& image) {
    return image.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

}  // namespace flashface::ui
