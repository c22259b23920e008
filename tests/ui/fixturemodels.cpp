#include "fixturemodels.h"

#include "fixture_models.h"
#include "support/fixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

#include <fstream>

namespace flashface::test {

QString writeFixtureModelsFolder(const QString& folder) {
    QDir().mkpath(folder);
    writeFixtureModelsJson(folder.toStdString());  // the pipeline tests' manifest of the fixture models
    return folder;
}

QString writeBlindFixtureModelsFolder(const QString& folder) {
    writeFixtureModelsFolder(folder);
    const auto path = std::filesystem::path(folder.toStdString()) / "models.json";
    nlohmann::json manifest = readJson(path);
    manifest["face_detector"]["config"]["detect"]["min_thr"] = 1.0;
    std::ofstream(path) << manifest.dump(2);
    return folder;
}

void isolateSettings(const QString& folder, const QString& application) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    QCoreApplication::setOrganizationName(QStringLiteral("FlashFaceTest"));
    QCoreApplication::setApplicationName(application);
    // Application data (the reference store) stays inside the test's folder too.
    qputenv("XDG_DATA_HOME", QDir(folder).filePath(QStringLiteral("data")).toUtf8());
}

}  // namespace flashface::test
