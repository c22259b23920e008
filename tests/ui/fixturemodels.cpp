#include "fixturemodels.h"

#include "support/fixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

#include <fstream>

namespace flashface::test {

QString writeFixtureModelsFolder(const QString& folder) {
    auto path = [](const char* relative) { return fixture(relative).string(); };
    const nlohmann::json manifest = {
        {"unet", {{"file", path("unet/weights.pth")}, {"config", path("unet/config.json")}}},
        {"vae", {{"file", path("vae/weights.pth")}, {"config", path("vae/config.json")}}},
        {"clip", {{"file", path("clip_text/weights.pth")}, {"config", path("clip_text/config.json")}, {"prefix", ""}}},
        {"face_detector",
         {{"file", path("retinaface/resnet50/weights.pth")}, {"config", path("retinaface/resnet50/config.json")}}},
        {"vocabulary", path("tokenizer/bpe_simple_vocab_16e6.txt.gz")},
    };
    QDir().mkpath(folder);
    std::ofstream(QDir(folder).filePath(QStringLiteral("models.json")).toStdString()) << manifest.dump(2);
    return folder;
}

void isolateSettings(const QString& folder, const QString& application) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    QCoreApplication::setOrganizationName(QStringLiteral("FlashFaceTest"));
    QCoreApplication::setApplicationName(application);
}

}  // namespace flashface::test
