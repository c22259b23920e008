#pragma once

#include "generationengine.h"
#include "pipeline/pipeline.h"

#include <QDateTime>
#include <QString>

#include <cstdint>

class QSettings;

namespace flashface::ui {

// What the Preferences dialog edits, kept in QSettings under "preferences/".
struct AppPreferences {
    EngineKind engine = EngineKind::Local;  // where generations run
    RemoteServer server;                    // EngineKind::Remote: its address and token
    QString modelsFolder;
    pipeline::DeviceChoice device = pipeline::DeviceChoice::Auto;
    pipeline::PrecisionChoice precision = pipeline::PrecisionChoice::Auto;
    int threads = 0;  // 0 = every core
    std::uint64_t referenceCacheBytes = pipeline::kDefaultReferenceCacheBytes;  // reference features kept between runs
    QString outputFolder;
    QString fileNamePattern = QStringLiteral("{date}_{prompt}");
    QString language;  // "" = the system's, "en", "zh_CN"

    static AppPreferences defaults();
    static AppPreferences load(QSettings& settings);
    void save(QSettings& settings) const;

    pipeline::RuntimeOptions runtime() const;
    EngineSettings engineSettings() const;
    // The file name (without number and extension) for a run: the pattern with {date}, {time},
    // {seed}, {steps} and {prompt} filled in and made safe for any file system.
    QString fileStem(const pipeline::GenerationSettings& settings, const QDateTime& when) const;
};

// Why images cannot be saved into `folder` (created when missing, then probed with a temporary
// file), as a sentence; empty when they can.
QString outputFolderProblem(const QString& folder);

}  // namespace flashface::ui
