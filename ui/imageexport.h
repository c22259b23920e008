#pragma once

#include <QString>
#include <QStringList>

namespace flashface::ui {

struct GalleryItem;

// File-dialog filters for the formats this build can write (PNG first).
QStringList exportFilters();

// The file name to write for what the user typed in the save dialog: with the selected filter's
// extension added when the name has none of the formats' extensions ("portrait" with JPEG
// selected → "portrait.jpg").
QString exportTarget(const QString& chosen, const QString& selectedFilter);

// Writes a gallery image to `target`: PNG is the stored file itself, settings included (or, for
// an image that was never saved, a new PNG carrying them); JPEG and WebP are re-encoded and
// carry the same parameters (see imageparameters.h), so "Open Parameters from Image" reads
// every format back. Refuses to replace an existing file unless `replace` (the user has
// confirmed). The write is atomic. Returns an error sentence, empty on success.
QString exportImage(const GalleryItem& item, const QString& target, bool replace);

}  // namespace flashface::ui
