#include "fixturemodels.h"

#include "fixture_models.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace flashface::test {

QString writeFixtureModelsFolder(const QString& folder) {
    QDir().mkpath(folder);
    writeFixtureModelsJson(folder.toStdString());  // the pipeline tests' manifest of the fixture models
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
