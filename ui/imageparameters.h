#pragma once

#include "pipeline/generation_metadata.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace flashface::ui {

// The generation parameters inside exported images, in every format the studio writes:
//   PNG   the engine's `parameters` and `flashface` text chunks;
//   JPEG  two COM (comment) segments, "parameters: …" and "flashface: <JSON>";
//   WebP  an XMP chunk with the A1111 text as dc:description and the JSON as flashface:record.
// The JSON is the engine's metadataRecord(), so every format reads back the same.

// Encodes `image` in `format` ("png", "jpeg" or "webp") carrying `metadata`; empty on failure
// (with the reason in `error`).
QByteArray encodeWithParameters(const QImage& image, const pipeline::ImageMetadata& metadata, const QByteArray& format,
                                QString* error = nullptr);

// Reads the parameters of a PNG, JPEG or WebP written by the studio (or the engine). Returns an
// error sentence naming the file when there are none; empty on success.
QString readImageParameters(const QString& path, pipeline::ImageMetadata* metadata);

// Low-level pieces, exposed for the tests.
QByteArray insertJpegComments(const QByteArray& jpeg, const QList<QByteArray>& comments);
QList<QByteArray> jpegComments(const QByteArray& jpeg);
QByteArray addWebpXmp(const QByteArray& webp, const QByteArray& xmp);
QByteArray webpXmp(const QByteArray& webp);

}  // namespace flashface::ui
