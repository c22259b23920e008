#include "apppreferences.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace flashface::ui {
namespace {

const QString kGroup = QStringLiteral("preferences");

// Keeps letters (any script), digits, '-' and '_'; other runs become one '-'.
QString safeFileNamePart(const QString& text) {
    QString out;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')) out += c;
        else if (!out.endsWith(QLatin1Char('-'))) out += QLatin1Char('-');
    }
    while (out.startsWith(QLatin1Char('-'))) out.remove(0, 1);
    while (out.endsWith(QLatin1Char('-'))) out.chop(1);
    return out;
}

struct OutputFolder {
    Q_DECLARE_TR_FUNCTIONS(OutputFolder)
};

}  // namespace

QString outputFolderProblem(const QString& folder) {
    const QString shown = QDir::toNativeSeparators(folder);
    if (folder.trimmed().isEmpty()) return OutputFolder::tr("No output folder is set.");
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir()) return OutputFolder::tr("%1 is a file, not a folder.").arg(shown);
    if (!info.exists() && !QDir().mkpath(folder))
        return OutputFolder::tr("The folder %1 cannot be created.").arg(shown);
    QTemporaryFile probe(QDir(folder).filePath(QStringLiteral(".flashface-write-test-XXXXXX")));
    if (!probe.open() || probe.write("x", 1) != 1 || !probe.flush())
        return OutputFolder::tr("Images cannot be saved in %1: %2.").arg(shown, probe.errorString());
    return {};
}

AppPreferences AppPreferences::defaults() {
    AppPreferences p;
    p.modelsFolder = QString::fromStdString(pipeline::defaultModelsFolder().string());
    p.outputFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                         .filePath(QStringLiteral("FlashFace Studio"));
    return p;
}

AppPreferences AppPreferences::load(QSettings& s) {
    AppPreferences p = defaults();
    s.beginGroup(kGroup);
    p.engine = s.value(QStringLiteral("engine")).toString() == QLatin1String("remote") ? EngineKind::Remote : EngineKind::Local;
    p.server.url = s.value(QStringLiteral("serverUrl"), p.server.url).toString();
    p.server.token = s.value(QStringLiteral("serverToken"), p.server.token).toString();
    p.modelsFolder = s.value(QStringLiteral("modelsFolder"), p.modelsFolder).toString();
    p.device = pipeline::DeviceChoice(std::clamp(s.value(QStringLiteral("device"), int(p.device)).toInt(), 0, 2));
    p.precision = pipeline::PrecisionChoice(std::clamp(s.value(QStringLiteral("precision"), int(p.precision)).toInt(), 0, int(pipeline::PrecisionChoice::BFloat16)));
    p.threads = std::max(0, s.value(QStringLiteral("threads"), p.threads).toInt());
    p.referenceCacheBytes = s.value(QStringLiteral("referenceCacheBytes"), qulonglong(p.referenceCacheBytes)).toULongLong();
    p.outputFolder = s.value(QStringLiteral("outputFolder"), p.outputFolder).toString();
    p.fileNamePattern = s.value(QStringLiteral("fileNamePattern"), p.fileNamePattern).toString();
    p.language = s.value(QStringLiteral("language"), p.language).toString();
    s.endGroup();
    return p;
}

void AppPreferences::save(QSettings& s) const {
    s.beginGroup(kGroup);
    s.setValue(QStringLiteral("engine"), engine == EngineKind::Remote ? QStringLiteral("remote") : QStringLiteral("local"));
    s.setValue(QStringLiteral("serverUrl"), server.url);
    s.setValue(QStringLiteral("serverToken"), server.token);
    s.setValue(QStringLiteral("modelsFolder"), modelsFolder);
    s.setValue(QStringLiteral("device"), int(device));
    s.setValue(QStringLiteral("precision"), int(precision));
    s.setValue(QStringLiteral("threads"), threads);
    s.setValue(QStringLiteral("referenceCacheBytes"), qulonglong(referenceCacheBytes));
    s.setValue(QStringLiteral("outputFolder"), outputFolder);
    s.setValue(QStringLiteral("fileNamePattern"), fileNamePattern);
    s.setValue(QStringLiteral("language"), language);
    s.endGroup();
    s.sync();
}

pipeline::RuntimeOptions AppPreferences::runtime() const {
    pipeline::RuntimeOptions options{device, precision, threads};
    options.referenceCacheBytes = referenceCacheBytes;
    return options;
}

EngineSettings AppPreferences::engineSettings() const { return {engine, modelsFolder, runtime(), server}; }

QString AppPreferences::fileStem(const pipeline::GenerationSettings& settings, const QDateTime& when) const {
    QString stem = fileNamePattern;
    stem.replace(QStringLiteral("{date}"), when.toString(QStringLiteral("yyyyMMdd")))
        .replace(QStringLiteral("{time}"), when.toString(QStringLiteral("HHmmss")))
        .replace(QStringLiteral("{seed}"), QString::number(settings.seed))
        .replace(QStringLiteral("{steps}"), QString::number(settings.steps))
        .replace(QStringLiteral("{prompt}"), QString::fromStdString(settings.prompt).left(48));
    stem = safeFileNamePart(stem).left(120);
    return stem.isEmpty() ? QStringLiteral("flashface") : stem;
}

}  // namespace flashface::ui
