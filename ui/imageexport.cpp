#include "imageexport.h"

#include "galleryitem.h"
#include "pipeline/generation_metadata.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>

namespace flashface::ui {
namespace {

struct ImageExport {
    Q_DECLARE_TR_FUNCTIONS(ImageExport)
};

QString native(const QString& path) { return QDir::toNativeSeparators(path); }

}  // namespace

QStringList exportFilters() {
    QStringList filters{ImageExport::tr("PNG with parameters (*.png)")};
    const auto formats = QImageWriter::supportedImageFormats();
    if (formats.contains("jpeg")) filters.append(ImageExport::tr("JPEG (*.jpg *.jpeg)"));
    if (formats.contains("webp")) filters.append(ImageExport::tr("WebP (*.webp)"));
    return filters;
}

QString exportImage(const GalleryItem& item, const QString& target, bool replace) {
    if (!replace && QFileInfo::exists(target))
        return ImageExport::tr("%1 already exists; it was not replaced.").arg(native(target));
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) return ImageExport::tr("Cannot write %1: %2").arg(native(target), out.errorString());

    const QString suffix = QFileInfo(target).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        QFile source(item.path);
        if (!source.open(QIODevice::ReadOnly))
            return ImageExport::tr("Cannot read %1: %2").arg(native(item.path), source.errorString());
        out.write(source.readAll());
    } else {
        const QImage image = QImageReader(item.path).read();
        if (image.isNull()) return ImageExport::tr("Cannot read %1.").arg(native(item.path));
        QImageWriter writer(&out, suffix == QLatin1String("webp") ? "webp" : "jpeg");
        writer.setQuality(95);
        writer.setText(QStringLiteral("parameters"), QString::fromStdString(a1111Parameters(item.settings)));
        if (!writer.write(image)) return ImageExport::tr("Cannot write %1: %2").arg(native(target), writer.errorString());
    }
    if (!out.commit()) return ImageExport::tr("Cannot write %1: %2").arg(native(target), out.errorString());
    return {};
}

}  // namespace flashface::ui
