#pragma once

#include <QString>
#include <QStringList>

namespace flashface::ui {

struct GalleryItem;

// File-dialog filters for the formats this build can write (PNG first).
QStringList exportFilters();

// Writes a gallery image to `target`: PNG is the stored file itself, settings included; JPEG
// and WebP are re-encoded, carrying the generation parameters as text where the format keeps
// it. Refuses to replace an existing file unless `replace` (the user has confirmed). The write
// is atomic. Returns an error sentence, empty on success.
QString exportImage(const GalleryItem& item, const QString& target, bool replace);

}  // namespace flashface::ui
