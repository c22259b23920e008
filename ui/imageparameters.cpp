#include "imageparameters.h"

#include "imageconversion.h"
#include "pipeline/png_metadata.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QtEndian>

#include <nlohmann/json.hpp>

namespace flashface::ui {
namespace {

struct ImageParameters {
    Q_DECLARE_TR_FUNCTIONS(ImageParameters)
};

const QByteArray kJpegKey = QByteArrayLiteral("flashface: ");
const QByteArray kJpegParametersKey = QByteArrayLiteral("parameters: ");
const QByteArray kXmpOpen = QByteArrayLiteral("<flashface:record>");
const QByteArray kXmpClose = QByteArrayLiteral("</flashface:record>");

QByteArray xmlEscaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped().toUtf8();
}

QByteArray xmlUnescaped(QByteArray text) {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    return text.replace("&amp;", "&");
}

quint32 le32(const char* p) { return qFromLittleEndian<quint32>(reinterpret_cast<const uchar*>(p)); }

void putLe32(QByteArray& bytes, int at, quint32 value) {
    qToLittleEndian<quint32>(value, reinterpret_cast<uchar*>(bytes.data() + at));
}

void putLe24(char* p, quint32 value) {
    p[0] = char(value & 0xff);
    p[1] = char((value >> 8) & 0xff);
    p[2] = char((value >> 16) & 0xff);
}

}  // namespace

QByteArray insertJpegComments(const QByteArray& jpeg, const QList<QByteArray>& comments) {
    if (jpeg.size() < 4 || uchar(jpeg[0]) != 0xFF || uchar(jpeg[1]) != 0xD8) return {};
    // After SOI and the APP0/APP1 (JFIF/EXIF) headers, which readers expect first.
    int at = 2;
    while (at + 4 <= jpeg.size() && uchar(jpeg[at]) == 0xFF && (uchar(jpeg[at + 1]) & 0xF0) == 0xE0)
        at += 2 + ((uchar(jpeg[at + 2]) << 8) | uchar(jpeg[at + 3]));
    if (at > jpeg.size()) return {};
    QByteArray segments;
    for (const QByteArray& comment : comments) {
        if (comment.size() > 65533) return {};
        const int length = int(comment.size()) + 2;
        segments.append(char(0xFF)).append(char(0xFE)).append(char(length >> 8)).append(char(length & 0xff));
        segments.append(comment);
    }
    QByteArray out = jpeg;
    out.insert(at, segments);
    return out;
}

QList<QByteArray> jpegComments(const QByteArray& jpeg) {
    QList<QByteArray> comments;
    if (jpeg.size() < 4 || uchar(jpeg[0]) != 0xFF || uchar(jpeg[1]) != 0xD8) return comments;
    int at = 2;
    while (at + 4 <= jpeg.size()) {
        if (uchar(jpeg[at]) != 0xFF) break;
        const uchar marker = uchar(jpeg[at + 1]);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) break;  // image data follows: no more headers
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            at += 2;
            continue;
        }
        const int length = (uchar(jpeg[at + 2]) << 8) | uchar(jpeg[at + 3]);
        if (length < 2 || at + 2 + length > jpeg.size()) break;
        if (marker == 0xFE) comments.append(jpeg.mid(at + 4, length - 2));
        at += 2 + length;
    }
    return comments;
}

QByteArray addWebpXmp(const QByteArray& webp, const QByteArray& xmp) {
    if (webp.size() < 20 || !webp.startsWith("RIFF") || webp.mid(8, 4) != "WEBP") return {};
    QByteArray out = webp.left(12);
    int at = 12;
    bool hasHeader = false;
    QByteArray body;
    while (at + 8 <= webp.size()) {
        const QByteArray fourcc = webp.mid(at, 4);
        const quint32 size = le32(webp.constData() + at + 4);
        const qsizetype padded = 8 + size + (size & 1);
        if (at + 8 + qsizetype(size) > webp.size()) return {};
        QByteArray chunk = webp.mid(at, padded);
        if (fourcc == "VP8X") {
            hasHeader = true;
            chunk[8] = char(uchar(chunk[8]) | 0x04);  // XMP present
        } else if (fourcc == "XMP ") {
            chunk.clear();  // replaced below
        } else if (!hasHeader && (fourcc == "VP8 " || fourcc == "VP8L")) {
            // A simple-format file: the extended header needs the canvas size.
            int width = 0, height = 0;
            const char* d = webp.constData() + at + 8;
            if (fourcc == "VP8L" && size >= 5) {
                const quint32 bits = le32(d + 1);
                width = int(bits & 0x3FFF) + 1;
                height = int((bits >> 14) & 0x3FFF) + 1;
            } else if (fourcc == "VP8 " && size >= 10) {
                width = (uchar(d[6]) | (uchar(d[7]) << 8)) & 0x3FFF;
                height = (uchar(d[8]) | (uchar(d[9]) << 8)) & 0x3FFF;
            }
            if (width <= 0 || height <= 0) return {};
            QByteArray header("VP8X", 4);
            header.append(QByteArray(4 + 10, '\0'));
            putLe32(header, 4, 10);
            header[8] = char(0x04);
            putLe24(header.data() + 12, quint32(width - 1));
            putLe24(header.data() + 15, quint32(height - 1));
            body.append(header);
            hasHeader = true;
        }
        body.append(chunk);
        at += int(padded);
    }
    if (!hasHeader) return {};
    QByteArray xmpChunk("XMP ", 4);
    xmpChunk.append(QByteArray(4, '\0'));
    putLe32(xmpChunk, 4, quint32(xmp.size()));
    xmpChunk.append(xmp);
    if (xmp.size() & 1) xmpChunk.append('\0');
    body.append(xmpChunk);
    out.append(body);
    putLe32(out, 4, quint32(out.size() - 8));
    return out;
}

QByteArray webpXmp(const QByteArray& webp) {
    if (webp.size() < 20 || !webp.startsWith("RIFF") || webp.mid(8, 4) != "WEBP") return {};
    int at = 12;
    while (at + 8 <= webp.size()) {
        const quint32 size = le32(webp.constData() + at + 4);
        if (at + 8 + qsizetype(size) > webp.size()) break;
        if (webp.mid(at, 4) == "XMP ") return webp.mid(at + 8, size);
        at += 8 + int(size) + int(size & 1);
    }
    return {};
}

QByteArray encodeWithParameters(const QImage& image, const pipeline::ImageMetadata& metadata, const QByteArray& format,
                                QString* error) {
    const auto fail = [error](const QString& why) {
        if (error) *error = why;
        return QByteArray();
    };
    if (image.isNull()) return fail(ImageParameters::tr("There is no image to save."));
    const std::string parameters = pipeline::imageParameters(metadata);
    const std::string record = pipeline::metadataRecord(metadata);
    if (format == "png") {
        try {
            const auto png = pipeline::encodePng(toImage(image), {{pipeline::kParametersChunk, parameters}, {pipeline::kSettingsChunk, record}});
            return QByteArray(reinterpret_cast<const char*>(png.data()), qsizetype(png.size()));
        } catch (const std::exception& e) {
            return fail(QString::fromUtf8(e.what()));
        }
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(95);
    // The pixels without the text the image was read with: Qt's writers would add a PNG's own
    // (older) record as further comments, which a reader could take for this one.
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const QImage pixels(rgb.constBits(), rgb.width(), rgb.height(), rgb.bytesPerLine(), rgb.format());
    if (!writer.write(pixels)) return fail(writer.errorString());
    const QByteArray encoded = buffer.data();
    QByteArray out;
    if (format == "jpeg") {
        out = insertJpegComments(encoded, {kJpegParametersKey + QByteArray::fromStdString(parameters),
                                           kJpegKey + QByteArray::fromStdString(record)});
    } else if (format == "webp") {
        const QByteArray xmp =
            "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:flashface=\"https://github.com/flashface/studio/ns/1/\">"
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
            xmlEscaped(parameters) + "</rdf:li></rdf:Alt></dc:description>" + kXmpOpen + xmlEscaped(record) +
            kXmpClose + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        out = addWebpXmp(encoded, xmp);
    } else {
        out = encoded;
    }
    if (out.isEmpty()) return fail(ImageParameters::tr("The parameters could not be added to the image."));
    return out;
}

QString readImageParameters(const QString& path, pipeline::ImageMetadata* metadata) {
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return ImageParameters::tr("%1 cannot be read: %2.").arg(name, file.errorString());
    const QByteArray head = file.peek(16);
    QByteArray record;
    if (head.startsWith("\x89PNG")) {
        try {
            *metadata = pipeline::readImageMetadata(path.toStdString());
            return {};
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    } else if (head.startsWith("\xFF\xD8")) {
        for (const QByteArray& comment : jpegComments(file.readAll()))
            if (comment.startsWith(kJpegKey)) record = comment.mid(kJpegKey.size());
    } else if (head.startsWith("RIFF") && head.mid(8, 4) == "WEBP") {
        const QByteArray xmp = webpXmp(file.readAll());
        const qsizetype open = xmp.indexOf(kXmpOpen), close = xmp.indexOf(kXmpClose);
        if (open >= 0 && close > open) record = xmlUnescaped(xmp.mid(open + kXmpOpen.size(), close - open - kXmpOpen.size()));
    } else {
        return ImageParameters::tr("%1 is not a PNG, JPEG or WebP image.").arg(name);
    }
    if (record.isEmpty())
        return ImageParameters::tr("%1 carries no FlashFace parameters (it was not saved by FlashFace Studio).").arg(name);
    try {
        *metadata = pipeline::metadataFromRecord(nlohmann::json::parse(record.toStdString()));
        return {};
    } catch (const std::exception& e) {
        return ImageParameters::tr("The FlashFace parameters in %1 are damaged: %2").arg(name, QString::fromUtf8(e.what()));
    }
}

}  // namespace flashface::ui
