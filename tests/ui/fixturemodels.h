#pragma once

#include <QString>

namespace flashface::test {

// Writes a models.json into `folder` that names the fixture models (tiny random-weight models in
// the real formats) and their configs, so that a models folder resolves without real weights.
// Returns `folder`.
QString writeFixtureModelsFolder(const QString& folder);
// The same, with the face detector's threshold out of reach (no score reaches 1): it finds no
// face in any photo.
QString writeBlindFixtureModelsFolder(const QString& folder);

// Points QSettings at `folder` (INI files) under a test organisation, and application data
// (XDG_DATA_HOME) into it, so tests never touch the user's settings or files.
void isolateSettings(const QString& folder, const QString& application);

}  // namespace flashface::test
