#include "imageexport.h"

#include "galleryitem.h"
#include "imageparameters.h"
#include "pipeline/generation_metadata.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QRegularExpression>
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

QString exportTarget(const QString& chosen, const QString& selectedFilter) {
    if (chosen.isEmpty()) return chosen;
    static const QStringList known{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                   QStringLiteral("webp")};
    if (known.contains(QFileInfo(chosen).suffix().toLower())) return chosen;
    // The filter's first pattern: "JPEG (*.jpg *.jpeg)" → "jpg".
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("\\*\\.(\\w+)")).match(selectedFilter);
    const QString extension = match.hasMatch() ? match.captured(1) : QStringLiteral("png");
    return chosen + QLatin1Char('.') + extension;
}

QString exportImage(const GalleryItem& item, const QString& target, bool replace) {
    if (!replace && QFileInfo::exists(target))
        return ImageExport::tr("%1 already exists; it was not replaced.").arg(native(target));
    const QString suffix = QFileInfo(target).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("png") && !item.path.isEmpty() &&
        QFileInfo(item.path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
        QFile source(item.path);
        if (!source.open(QIODevice::ReadOnly))
            return ImageExport::tr("Cannot read %1: %2").arg(native(item.path), source.errorString());
        bytes = source.readAll();
    } else {
        const QImage image = item.path.isEmpty() ? item.image : QImageReader(item.path).read();
        if (image.isNull()) return ImageExport::tr("Cannot read %1.").arg(native(item.path));
        pipeline::ImageMetadata metadata;
        metadata.settings = item.settings;
        for (const QString& label : item.referenceLabels) metadata.referenceLabels.push_back(label.toStdString());
        metadata.referenceWeights = item.referenceWeights;
        metadata.target = item.target;
        const QByteArray format = suffix == QLatin1String("png")    ? QByteArray("png")
                                  : suffix == QLatin1String("webp") ? QByteArray("webp")
                                                                    : QByteArray("jpeg");
        QString error;
        bytes = encodeWithParameters(image, metadata, format, &error);
        if (bytes.isEmpty()) return ImageExport::tr("Cannot write %1: %2").arg(native(target), error);
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) return ImageExport::tr("Cannot write %1: %2").arg(native(target), out.errorString());
    out.write(bytes);
    if (!out.commit()) return ImageExport::tr("Cannot write %1: %2").arg(native(target), out.errorString());
    return {};
}

}  // namespace flashface::ui
